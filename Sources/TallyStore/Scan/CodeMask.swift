import TallyFormat

/// Which dictionary codes of one text column of a part pass a predicate.
///
/// `mask[code]` is 1 for a code that passes (code 0 is NULL, code `i + 1` the part's
/// dictionary entry `i`), and `prefix[code]` counts the passing codes up to and including
/// it, so whether a row group whose codes span `min...max` holds a passing code is one
/// subtraction, with no pass over the codes.
package struct CodeMask: Sendable {
    /// The column.
    package var column: Column
    /// 1 where the code passes.
    package var mask: [UInt8]
    /// Running count of passing codes (filled by `computePrefix()`).
    package var prefix: [Int32]
    /// The passing codes in ascending order, when a few values were looked up (`run_id =
    /// 'x'`, an IN list): `mayPass` then searches them instead of the prefix counts, which
    /// cost a pass over the whole dictionary per part and statement (a filter on three
    /// runs over 818 parts of 10M per-step rows spent a fifth of its time there).
    package var passing: [Int32]? = nil

    /// A mask of `column`, with its prefix counts still to compute.
    package init(column: Column, mask: [UInt8]) {
        self.column = column
        self.mask = mask
        self.prefix = []
    }

    /// A mask of `column` passing exactly `codes` (the part's dictionary has `count`
    /// entries, NULL included); no prefix counts needed.
    package init(column: Column, count: Int, passingCodes codes: [Int]) {
        self.column = column
        var mask = [UInt8](repeating: 0, count: count)
        for c in codes where c >= 0 && c < count { mask[c] = 1 }
        self.mask = mask
        self.prefix = []
        self.passing = codes.filter { $0 >= 0 && $0 < count }.sorted().map { Int32($0) }
    }

    /// Fills `prefix`; returns how many codes pass.
    @discardableResult
    package mutating func computePrefix() -> Int32 {
        var running: Int32 = 0
        prefix = mask.map { running += Int32($0); return running }
        return running
    }

    /// Whether a row group with `nullCount` nulls of `rowCount` rows, and non-null codes
    /// within `min...max`, may hold a passing row.
    @inline(__always)
    func mayPass(nullCount: Int, rowCount: Int, min: Int64, max: Int64) -> Bool {
        if nullCount > 0 && mask[0] == 1 { return true }
        guard nullCount < rowCount else { return false }
        let lo = Int(min), hi = Int(max)
        // Statistics outside the dictionary say nothing: the group may pass.
        guard lo >= 1 && lo <= hi && hi < mask.count else { return true }
        if let passing {
            // The first passing code at or above lo, if any, must be at most hi.
            var a = 0, b = passing.count
            while a < b {
                let m = (a + b) / 2
                if Int(passing[m]) < lo { a = m + 1 } else { b = m }
            }
            return a < passing.count && Int(passing[a]) <= hi
        }
        guard hi < prefix.count else { return true }
        return prefix[hi] - prefix[lo - 1] > 0
    }
}
