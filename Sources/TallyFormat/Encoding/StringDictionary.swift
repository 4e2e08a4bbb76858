#if canImport(Glibc)
import Glibc
#endif
import TallySystem

/// The sorted, distinct strings of one string column in one part, front-coded.
///
/// Rows store a code per value: 0 is null and code k (1-based) is `strings[k - 1]`.
/// Because the dictionary is sorted, code order is string order, so min/max statistics
/// on codes and prefix filters (`LIKE 'abc%'`) become code ranges.
///
/// Encoded layout: count, then per string: shared-prefix length with the previous
/// string (varint), suffix length (varint), suffix bytes.
package enum StringDictionary {
    /// Encodes sorted distinct strings.
    package static func encode(_ sorted: [String], into out: inout ByteWriter) {
        out.writeVarUInt(UInt64(sorted.count))
        var previous: [UInt8] = []
        for var s in sorted {
            s.withUTF8 { u in
                var shared = 0
                let limit = min(previous.count, u.count)
                while shared < limit && previous[shared] == u[shared] { shared += 1 }
                out.writeVarUInt(UInt64(shared))
                out.writeVarUInt(UInt64(u.count - shared))
                out.write(contentsOf: UnsafeBufferPointer(rebasing: u[shared...]))
                // Reused, not reallocated: a dictionary of ids holds thousands of strings.
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: u)
            }
        }
    }

    /// The indices of `values` in the dictionaries' order (`compareUTF8`), ties in
    /// index order.
    ///
    /// Sorted on each string's first eight bytes as a big-endian integer first (a radix
    /// sort), then by full comparison only within runs of equal prefixes. Comparison
    /// sorting alone, with a retain and release of both strings per comparison, made a
    /// flush of rows with unique run and sandbox ids six times slower than one of
    /// repeating ids.
    static func sortedOrder(of values: [String]) -> [Int] {
        let n = values.count
        // Most dictionaries of a part are small (services, units, models): a comparison
        // sort beats the radix sort's fixed cost (a 256-entry count per byte) there.
        guard n > 64 else {
            return values.indices.sorted {
                let c = compareUTF8(values[$0], values[$1])
                return c != 0 ? c < 0 : $0 < $1
            }
        }
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n { keys[i] = prefixKey(values[i]) }
        var order = RadixSort.permutation(sorting: keys).map { Int($0) }
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && keys[order[j]] == keys[order[i]] { j += 1 }
            if j - i > 1 {
                order[i..<j].sort {
                    let c = compareUTF8(values[$0], values[$1])
                    return c != 0 ? c < 0 : $0 < $1
                }
            }
            i = j
        }
        return order
    }

    /// The first eight UTF-8 bytes of `s`, big-endian, zero-padded: prefixes order as
    /// the strings' bytes do, and equal prefixes leave the order to the full bytes.
    static func prefixKey(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { u in
            var key: UInt64 = 0
            for k in 0..<Swift.min(8, u.count) { key |= UInt64(u[k]) << UInt64(56 - 8 * k) }
            return key
        }
    }

    /// The byte order of two strings' UTF-8 encodings (the dictionaries' order):
    /// negative, zero or positive, by `memcmp` on their contiguous bytes. Comparing
    /// through the generic `UTF8View` cost twice as much as the rest of building a
    /// part's dictionaries, and a fifth of sorting a query's result rows.
    package static func compareUTF8(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                let c = n == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, n))
                return c != 0 ? c : x.count - y.count
            }
        }
    }

    /// Decodes a dictionary; every entry must be valid UTF-8.
    package static func decode(_ reader: inout ByteReader) throws(FormatError) -> [String] {
        let count = try reader.readCount(limit: reader.remaining)
        var result = [String]()
        result.reserveCapacity(count)
        var previous: [UInt8] = []
        for _ in 0..<count {
            let shared = try reader.readCount(limit: previous.count)
            let suffixCount = try reader.readCount(limit: reader.remaining)
            let suffix = try reader.readBytes(suffixCount)
            previous.removeSubrange(shared...)
            previous.append(contentsOf: suffix)
            guard let s = String(validating: previous, as: UTF8.self) else {
                throw .malformed("dictionary entry is not valid UTF-8")
            }
            result.append(s)
        }
        return result
    }
}
