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

    /// A mask of `column`, with its prefix counts still to compute.
    package init(column: Column, mask: [UInt8]) {
        self.column = column
        self.mask = mask
        self.prefix = []
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
        guard lo >= 1 && hi < prefix.count && lo <= hi else { return true }
        return prefix[hi] - prefix[lo - 1] > 0
    }
}
