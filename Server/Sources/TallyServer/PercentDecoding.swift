/// Strict percent-decoding of one path segment: each `%XX` becomes its byte and the bytes
/// must be UTF-8. Foundation's `removingPercentEncoding` leaves a malformed `%zz` as it is
/// on some platforms, which would make `p%zz` and a project literally named `p%zz` the
/// same; here a malformed sequence is an error the caller reports.
enum PercentDecoding {
    /// The decoded text, or `nil` when a `%` is not followed by two hex digits or the
    /// bytes are not UTF-8. `+` is kept: only query strings use it for a space.
    static func decode(_ segment: String) -> String? {
        let input = Array(segment.utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "%") {
                guard i + 2 < input.count, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) else { return nil }
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(input[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
