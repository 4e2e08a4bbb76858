import TallyFormat

/// Column types of CSV text as DuckDB's sniffer picks them for the common cases: the first
/// of BOOLEAN, BIGINT, HUGEINT, DOUBLE, DATE, TIMESTAMP that every non-empty value of the
/// column reads as, else VARCHAR (also for a column with no values). Integers are written
/// without a sign other than `-` and without leading zeros (`007` is text, as in DuckDB).
enum CSVTypeSniffer {
    /// The candidates, in order of preference; a value's fit is a bit set over them.
    static let candidates: [LogicalType] = [.boolean, .bigint, .hugeint, .double, .date, .timestamp, .varchar]
    static let varcharBit: UInt8 = 1 << 6

    /// The candidates `text` reads as, as bits of `candidates`.
    static func fit(_ text: String) -> UInt8 {
        var bits = varcharBit
        let u = text.utf8
        guard let first = u.first else { return bits }
        switch first {
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
             UInt8(ascii: "n"), UInt8(ascii: "N"):
            if parseBoolean(text) != nil { bits |= 1 }
            return bits
        default: break
        }
        if isInteger(u) {
            if Int64(text) != nil { bits |= 1 << 1 }
            if Int128(text) != nil { bits |= 1 << 2 }
            return bits | 1 << 3
        }
        if isDecimal(u), Double(text) != nil { return bits | 1 << 3 }
        if u.count >= 10, u.count <= 35, isDigit(first) {
            if u.count == 10, CivilDate.parseISODate(text) != nil { return bits | 1 << 4 | 1 << 5 }
            if TemporalText.parseTimestamp(text) != nil { bits |= 1 << 5 }
        }
        return bits
    }

    /// The preferred type of a column whose values' fits AND to `bits` (a column without
    /// values keeps all bits, and is VARCHAR as in DuckDB).
    static func type(_ bits: UInt8) -> LogicalType {
        bits == allBits ? .varchar : candidates[bits.trailingZeroBitCount]
    }

    /// Every candidate: what a column fits before its first value.
    static let allBits: UInt8 = 0x7F

    /// `true`/`false`/`t`/`f`/`yes`/`no` in any letter case.
    static func parseBoolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "t", "yes": return true
        case "false", "f", "no": return false
        default: return nil
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `-?(0|[1-9][0-9]*)`.
    static func isInteger(_ u: String.UTF8View) -> Bool {
        var digits = u[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let lead = digits.first, digits.allSatisfy(isDigit) else { return false }
        return lead != UInt8(ascii: "0") || digits.count == 1
    }

    /// `-?(digits[.digits]|.digits)([eE][+-]?digits)?`, without a leading zero before
    /// another digit (`007.5` is text, as in DuckDB).
    static func isDecimal(_ u: String.UTF8View) -> Bool {
        var rest = u[...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "0"), let next = rest.dropFirst().first, isDigit(next) { return false }
        var mantissaDigits = 0, point = false
        while let b = rest.first {
            if isDigit(b) { mantissaDigits += 1 } else if b == UInt8(ascii: "."), !point { point = true } else { break }
            rest = rest.dropFirst()
        }
        guard mantissaDigits > 0 else { return false }
        if let e = rest.first {
            guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            return !rest.isEmpty && rest.allSatisfy(isDigit)
        }
        return true
    }

    /// The sniffed type of each of `width` columns over rows `from...` of `rows`.
    static func types(_ rows: CSVParser.Rows, width: Int, from: Int) -> [LogicalType] {
        fits(rows, width: width, from: from).map(type)
    }

    /// Per column, the candidates every value of rows `from...` reads as.
    static func fits(_ rows: CSVParser.Rows, width: Int, from: Int) -> [UInt8] {
        var bits = [UInt8](repeating: allBits, count: width)
        for r in from..<rows.count {
            for c in 0..<width {
                guard bits[c] != varcharBit, let v = rows.field(r, c) else { continue }
                bits[c] &= fit(v)
            }
        }
        return bits
    }

    /// Whether the first row is a header, as DuckDB decides without `header=`, and the
    /// columns' types either way (the other rows are sniffed once for both): the first
    /// row is a header when every column of the other rows is text, or when one of its
    /// values does not read as its column's type.
    static func header(_ rows: CSVParser.Rows, width: Int) -> (hasHeader: Bool, types: [LogicalType]) {
        guard rows.count > 0 else { return (false, Array(repeating: .varchar, count: width)) }
        let rest = fits(rows, width: width, from: 1)
        let first = (0..<width).map { c in rows.field(0, c).map(fit) ?? allBits }
        let restTypes = rest.map(type)
        if restTypes.allSatisfy({ $0 == .varchar }) { return (true, restTypes) }
        for (c, bits) in rest.enumerated() where restTypes[c] != .varchar && first[c] & (1 << UInt8(bits.trailingZeroBitCount)) == 0 {
            return (true, restTypes)
        }
        return (false, zip(rest, first).map { type($0 & $1) })
    }

    /// Whether the first row is a header (see `header(_:width:)`).
    static func hasHeader(_ rows: CSVParser.Rows, width: Int) -> Bool {
        header(rows, width: width).hasHeader
    }
}
