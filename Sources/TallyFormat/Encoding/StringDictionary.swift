#if canImport(Glibc)
import Glibc
#endif
import CTallyKernels
import TallySystem

/// The sorted, distinct strings of one string column in one part, front-coded.
///
/// Rows store a code per value: 0 is null and code k (1-based) is `strings[k - 1]`.
/// Because the dictionary is sorted, code order is string order, so min/max statistics
/// on codes and prefix filters (`LIKE 'abc%'`) become code ranges.
///
/// Encoded layout: count, then per string: shared-prefix length with the previous
/// string (varint), suffix length (varint), suffix bytes.
///
/// Numeric layout (`encodeNumeric`, footer version 3): a 0 (the count of an empty
/// dictionary, so a reader of the layout above never takes it for one with strings; the
/// footer version keeps such readers away), the kind byte 1, the count n, the shared
/// prefix (length, bytes), then the n integers in numeric order as zigzag varints of
/// their differences (`IntegerEncoding.encodeVarintDeltas`'s body, length first).
package enum StringDictionary {
    /// The largest number of digits a numeric dictionary entry has: `sortKey` scales a
    /// value to 17 digits and appends its digit count, which must fit 64 bits.
    static let maxDigits = 17
    static let numericKind: UInt8 = 1

    /// Encodes sorted distinct strings in the numeric layout, if every one is the same
    /// prefix followed by a canonical decimal integer (digits only, no leading zero
    /// unless the integer is 0, at most `maxDigits` digits), so that the prefix and
    /// `String(integer)` give back exactly the string. Returns false (writing nothing)
    /// otherwise.
    ///
    /// Ids made of a prefix and a number ("req-2654435761") cost their digits one byte
    /// each in the front-coded layout (the shared prefixes of random numbers are short),
    /// about 9 bytes an id under LZ4. As sorted integers their differences are small
    /// and compress to their entropy.
    package static func encodeNumeric(_ sorted: [String], into out: inout ByteWriter) -> Bool {
        guard let first = sorted.first else { return false }
        var prefix = [UInt8]()
        var numbers = [Int64]()
        numbers.reserveCapacity(sorted.count)
        var f = first
        f.withUTF8 { u in
            var end = u.count
            while end > 0 && u[end - 1] >= 48 && u[end - 1] <= 57 { end -= 1 }
            prefix.append(contentsOf: UnsafeBufferPointer(rebasing: u[0..<end]))
        }
        for var s in sorted {
            let ok = s.withUTF8 { u -> Bool in
                let p = prefix.count
                let digits = u.count - p
                guard digits >= 1 && digits <= maxDigits else { return false }
                for k in 0..<p where u[k] != prefix[k] { return false }
                if digits > 1 && u[p] == 48 { return false }
                var v: Int64 = 0
                for k in p..<u.count {
                    let d = u[k]
                    guard d >= 48 && d <= 57 else { return false }
                    v = v * 10 + Int64(d - 48)
                }
                numbers.append(v)
                return true
            }
            if !ok { return false }
        }
        // Canonical decimals order numerically by (digit count, value), so the sorted
        // strings hold ascending runs per digit count; numeric order makes the
        // differences small and positive.
        numbers.sort()
        out.writeVarUInt(0)
        out.write(numericKind)
        out.writeVarUInt(UInt64(numbers.count))
        out.writeVarUInt(UInt64(prefix.count))
        out.write(contentsOf: prefix)
        // The varints' tag is left out: the layout is fixed here.
        var body = ByteWriter(capacity: numbers.count * 3 + 16)
        IntegerEncoding.encodeVarintDeltas(numbers, into: &body)
        out.write(contentsOf: body.bytes[1...])
        return true
    }

    /// The key that orders `value` (of `digits` digits, at most `maxDigits`) as its
    /// decimal string orders in bytes: the digits left-aligned to `maxDigits` places,
    /// then the digit count (a string sorts before the longer ones it begins).
    @inline(__always)
    static func sortKey(_ value: Int64, digits: Int, powers: UnsafePointer<UInt64>) -> UInt64 {
        (UInt64(value) &* powers[maxDigits - digits]) &* UInt64(maxDigits + 1) &+ UInt64(digits)
    }

    static func digitCount(_ v: Int64) -> Int {
        var d = 1, x = v
        while x >= 10 { x /= 10; d += 1 }
        return d
    }

    static func decodeNumeric(_ reader: inout ByteReader) throws(FormatError) -> [String] {
        let count = try reader.readCount(limit: reader.remaining)
        let prefixCount = try reader.readCount(limit: reader.remaining)
        let prefixBytes = try reader.readBytes(prefixCount)
        guard let prefix = String(validating: prefixBytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw .malformed("numeric dictionary prefix is not valid UTF-8")
        }
        let length = try reader.readCount(limit: reader.remaining)
        let bytes = try reader.readBytes(length)
        guard length >= count else { throw .malformed("numeric dictionary of \(count) values in \(length) bytes") }
        guard count > 0 else { return [] }
        var numbers = [Int64](repeating: 0, count: count)
        let used = numbers.withUnsafeMutableBufferPointer { n in
            tally_varint_deltas_decode(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), length, n.baseAddress!, count, 1)
        }
        guard used == length else { throw .malformed("numeric dictionary varints do not hold \(count) values") }
        var powers = [UInt64](repeating: 1, count: maxDigits + 1)
        for k in 1...maxDigits { powers[k] = powers[k - 1] * 10 }
        let limit = Int64(powers[maxDigits])
        var keys = [UInt64](repeating: 0, count: count)
        var previous: Int64 = -1
        var inOrder = true
        for i in 0..<count {
            let v = numbers[i]
            // Ascending and in range: the encoder wrote distinct canonical integers.
            guard v > previous && v < limit else { throw .malformed("numeric dictionary value \(v) out of order or range") }
            let d = digitCount(v)
            if i > 0 && d != digitCount(previous) { inOrder = false }
            previous = v
            keys[i] = powers.withUnsafeBufferPointer { sortKey(v, digits: d, powers: $0.baseAddress!) }
        }
        var result = [String]()
        result.reserveCapacity(count)
        // One digit count: numeric order is already byte order.
        if inOrder {
            for v in numbers { result.append(prefix + String(v)) }
        } else {
            for j in RadixSort.permutation(sorting: keys) { result.append(prefix + String(numbers[Int(j)])) }
        }
        return result
    }

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
        // Bytes 0..<8 are the radix sort's key; within a run of equal keys, bytes 8..<16
        // and the length decide before the full bytes are compared. High-cardinality ids
        // share their first eight bytes ("run-2204...", "sandbox-..."): comparing their
        // Strings in those runs was a twentieth of an import of high_card rows.
        var keys = [UInt64](repeating: 0, count: n)
        var secondKeys = [UInt64](repeating: 0, count: n)
        var lengths = [Int](repeating: 0, count: n)
        for i in 0..<n { (keys[i], secondKeys[i], lengths[i]) = sortKeys(values[i]) }
        var order = RadixSort.permutation(sorting: keys).map { Int($0) }
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && keys[order[j]] == keys[order[i]] { j += 1 }
            if j - i > 1 {
                order[i..<j].sort { a, b in
                    if secondKeys[a] != secondKeys[b] { return secondKeys[a] < secondKeys[b] }
                    // Sixteen bytes or fewer each, equal up to zero padding: the shorter
                    // is a prefix of the other (its padding may be NUL bytes of the other).
                    if lengths[a] <= 16 && lengths[b] <= 16 { return lengths[a] != lengths[b] ? lengths[a] < lengths[b] : a < b }
                    let c = compareUTF8(values[a], values[b])
                    return c != 0 ? c < 0 : a < b
                }
            }
            i = j
        }
        return order
    }

    /// The first eight UTF-8 bytes of `s`, big-endian, zero-padded: prefixes order as
    /// the strings' bytes do, and equal prefixes leave the order to the full bytes.
    static func prefixKey(_ s: String) -> UInt64 { sortKeys(s).first }

    /// `prefixKey`, the next eight bytes the same way, and the length in bytes: what
    /// `sortedOrder` compares before the full bytes, read in one pass over `s`.
    static func sortKeys(_ s: String) -> (first: UInt64, second: UInt64, length: Int) {
        var s = s
        return s.withUTF8 { u in
            var key: UInt64 = 0, second: UInt64 = 0
            for k in 0..<Swift.min(8, u.count) { key |= UInt64(u[k]) << UInt64(56 - 8 * k) }
            if u.count > 8 {
                for k in 8..<Swift.min(16, u.count) { second |= UInt64(u[k]) << UInt64(120 - 8 * k) }
            }
            return (key, second, u.count)
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

    /// The number of strings in an encoded dictionary (either layout), read from its
    /// first bytes without decoding the strings.
    package static func count(_ reader: inout ByteReader) throws(FormatError) -> Int {
        let count = try reader.readCount(limit: reader.remaining)
        guard count == 0 && reader.remaining > 0 else { return count }
        let kind = try reader.readByte()
        guard kind == numericKind else { throw .malformed("unknown dictionary layout \(kind)") }
        return try reader.readCount(limit: reader.remaining)
    }

    /// Decodes a dictionary; every entry must be valid UTF-8.
    package static func decode(_ reader: inout ByteReader) throws(FormatError) -> [String] {
        let count = try reader.readCount(limit: reader.remaining)
        if count == 0 && reader.remaining > 0 {
            let kind = try reader.readByte()
            guard kind == numericKind else { throw .malformed("unknown dictionary layout \(kind)") }
            return try decodeNumeric(&reader)
        }
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
