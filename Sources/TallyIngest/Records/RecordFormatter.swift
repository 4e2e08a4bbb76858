import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Byte-level formatting of record fields, shared by the CSV and JSONL writers.
///
/// Every number is printed so that the readers give back exactly the same value:
/// costs with exactly 9 fractional digits from the integer nanos, quantities in
/// shortest round-trip form (integral values without `.0`), timestamps as integers.
enum RecordFormatter {
    @inline(__always)
    static func appendInt(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        appendUnsigned(v.magnitude, minDigits: 1, to: &out)
    }

    @inline(__always)
    static func appendUnsigned(_ v: UInt64, minDigits: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(x % 10) + 48
                x /= 10
                n += 1
            } while x > 0 || n < minDigits
            while n > 0 { n -= 1; out.append(d[n]) }
        }
    }

    /// `-12.000000001` style: sign, integer USD, point, exactly 9 digits.
    static func appendCost(_ nanos: Int64, to out: inout [UInt8]) {
        if nanos < 0 { out.append(UInt8(ascii: "-")) }
        let m = nanos.magnitude
        appendUnsigned(m / 1_000_000_000, minDigits: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendUnsigned(m % 1_000_000_000, minDigits: 9, to: &out)
    }

    /// Shortest text that reads back as the same Double; integers without `.0`.
    static func appendQuantity(_ q: Double, to out: inout [UInt8]) {
        if q == q.rounded(.towardZero) && Swift.abs(q) < 9_007_199_254_740_992 {
            appendInt(Int64(q), to: &out)
        } else {
            out.append(contentsOf: q.description.utf8)
        }
    }

    /// `YYYY-MM-DD` of the UTC day of `ts`; nothing for years outside 0000...9999, which
    /// the `date` syntax cannot express (the reader then takes the day from `ts`).
    /// Returns whether a date was written.
    @discardableResult
    static func appendDate(ofMilliseconds ts: Int64, to out: inout [UInt8]) -> Bool {
        guard dateRange.contains(ts) else { return false }
        let c = CivilDate.civil(fromDayNumber: CivilDate.dayNumber(forMilliseconds: ts))
        guard (0...9999).contains(c.year) else { return false }
        appendUnsigned(UInt64(c.year), minDigits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendUnsigned(UInt64(c.month), minDigits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendUnsigned(UInt64(c.day), minDigits: 2, to: &out)
        return true
    }

    /// The milliseconds from 0000-01-01 up to 10000-01-01 (UTC): the times whose day
    /// `YYYY-MM-DD` can name. Also keeps day arithmetic far from Int64 overflow.
    static let dateRange: Range<Int64> = -62_167_219_200_000 ..< 253_402_300_800_000

    /// A CSV field, quoted only when it holds a comma, quote or line break.
    static func appendCSV(_ s: String, to out: inout [UInt8]) {
        var needsQuotes = false
        for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            out.append(contentsOf: s.utf8)
            return
        }
        out.append(0x22)
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (including non-ASCII) as UTF-8.
    static func appendJSON(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 48, 48])
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
