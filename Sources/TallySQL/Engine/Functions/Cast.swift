import Foundation

/// CAST and TRY_CAST between the engine's types, with DuckDB's rules: numbers round half
/// away from zero into fewer decimals, out-of-range values are a conversion error, text is
/// parsed strictly (spaces around are allowed).
package enum Cast {
    /// A kernel casting vectors of `from` to `to`.
    package static func kernel(from: LogicalType, to: LogicalType, isTry: Bool, at range: SourceRange) -> ScalarKernel {
        // Widening an Int64-backed integer to a wider integer keeps the values: relabel.
        if from == to { return { a, _ in a[0] } }
        if (from == .integer && to == .bigint) || (from == .date && to == .date) {
            return { a, _ in var v = a[0]; v.type = to; return v }
        }
        if from.isInt64Backed && from.scale == 0 && from.isInteger && to == .double {
            return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                guard case .int64(let xs) = a[0].storage else {
                    return try RowKernel.apply(a, count: n, type: to, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                        try Cast.scalar(v[0], from: from, to: to, isTry: isTry, at: range)
                    }
                }
                var out = [Double](repeating: 0, count: n)
                for i in 0..<n { out[i] = Double(xs[i]) }
                return ColumnVector(type: to, storage: .double(out), validity: a[0].validity, count: n)
            }
        }
        if case .decimal(_, let s0) = from, case .decimal(let w1, let s1) = to, s1 >= s0, from.isInt64Backed, to.isInt64Backed,
           w1 - s1 >= from.decimalWidth - s0 {
            // Rescaling up without loss and within range: multiply.
            let factor = Int64(LogicalType.powerOfTen(s1 - s0))
            return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                guard case .int64(let xs) = a[0].storage else {
                    return try RowKernel.apply(a, count: n, type: to, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                        try Cast.scalar(v[0], from: from, to: to, isTry: isTry, at: range)
                    }
                }
                var out = [Int64](repeating: 0, count: n)
                for i in 0..<n { out[i] = xs[i] &* factor }
                return ColumnVector(type: to, storage: .int64(out), validity: a[0].validity, count: n)
            }
        }
        let rowKernel = RowKernel.make(to) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            try Cast.scalar(v[0], from: from, to: to, isTry: isTry, at: range)
        }
        if let numeric = CastLoops.kernel(from: from, to: to, orElse: rowKernel) { return numeric }
        if from == .date && to == .timestamp { return dateToTimestamp(orElse: rowKernel) }
        if from == .timestamp && to == .date { return timestampToDate(orElse: rowKernel) }
        return rowKernel
    }

    /// Days to their midnights, a multiply per row (a daily series keyed by
    /// `date::TIMESTAMP`); a day whose midnight is out of range goes to `rowKernel`, which
    /// names it.
    static func dateToTimestamp(orElse rowKernel: @escaping ScalarKernel) -> ScalarKernel {
        return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard case .int64(let days) = a[0].storage else { return try rowKernel(a, n) }
            var out = [Int64](repeating: 0, count: n)
            var overflow = false
            for i in 0..<n {
                let (us, o) = days[i].multipliedReportingOverflow(by: TemporalText.microsPerDay)
                out[i] = us
                overflow = overflow || o
            }
            if overflow { return try rowKernel(a, n) }
            return ColumnVector(type: .timestamp, storage: .int64(out), validity: a[0].validity, count: n)
        }
    }

    /// Instants to their days (rounding down), a division per row.
    static func timestampToDate(orElse rowKernel: @escaping ScalarKernel) -> ScalarKernel {
        return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard case .int64(let us) = a[0].storage else { return try rowKernel(a, n) }
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n { out[i] = TemporalText.floorDiv(us[i], TemporalText.microsPerDay) }
            return ColumnVector(type: .date, storage: .int64(out), validity: a[0].validity, count: n)
        }
    }

    static func failure(_ v: ScalarValue, _ from: LogicalType, _ to: LogicalType, _ range: SourceRange, _ why: String? = nil) -> SQLError {
        let shown = ScalarValue.sqlText(v, from)
        return SQLError(.invalidArgument, "could not convert \(shown) (\(from)) to \(to)\(why.map { ": " + $0 } ?? "")", at: range,
                        hint: "use TRY_CAST to get NULL instead of an error")
    }

    /// Casts one value.
    package static func scalar(_ v: ScalarValue, from: LogicalType, to: LogicalType, isTry: Bool, at range: SourceRange) throws(SQLError) -> ScalarValue {
        do {
            return try cast(v, from: from, to: to, range)
        } catch {
            if isTry { return .null }
            throw error
        }
    }

    static func cast(_ v: ScalarValue, from: LogicalType, to: LogicalType, _ range: SourceRange) throws(SQLError) -> ScalarValue {
        if v.isNull { return .null }
        if from == to { return v }
        // The binder casts instants with a zone through `ZoneCasts` with the session's zone;
        // a cast reached without one (inside a list) reads them in UTC.
        if from == .timestamptz || to == .timestamptz { return try ZoneCasts.cast(v, from: from, to: to, zone: .utc, range) }
        switch to {
        case .varchar:
            return .string(text(v, from))
        case .list(let element):
            // Element by element (a list literal's elements meeting a wider type).
            guard case .list(let fromElement) = from, case .list(let xs) = v else { throw failure(v, from, to, range) }
            var out: [ScalarValue] = []
            for x in xs { out.append(try cast(x, from: fromElement, to: element, range)) }
            return .list(out)
        case .structure(let names, let types):
            guard case .structure(let fromNames, let fromTypes) = from, fromNames == names, case .structure(let xs) = v else {
                throw failure(v, from, to, range)
            }
            var out: [ScalarValue] = []
            for (i, x) in xs.enumerated() { out.append(try cast(x, from: fromTypes[i], to: types[i], range)) }
            return .structure(out)
        case .boolean:
            switch v {
            case .bool: return v
            case .int(let x): return .bool(x != 0)
            case .double(let d): return .bool(d != 0)
            case .string(let s):
                switch s.trimmingSpaces.lowercased() {
                case "true", "t", "1", "yes", "y", "on": return .bool(true)
                case "false", "f", "0", "no", "n", "off": return .bool(false)
                default: throw failure(v, from, to, range)
                }
            default: throw failure(v, from, to, range)
            }
        case .integer, .bigint, .hugeint, .decimal:
            let targetScale = to.scale
            var scaled: Int128
            switch v {
            case .bool(let b): scaled = b ? LogicalType.powerOfTen(targetScale) : 0
            case .int(let x): scaled = try rescale(x, from: from.scale, to: targetScale, v, from, to, range)
            case .double(let d):
                guard d.isFinite else { throw failure(v, from, to, range) }
                // DuckDB rounds doubles to integers half to even (nearbyint), to decimals half away.
                let r = (d * LogicalType.powerOfTen(targetScale).nearestDouble).rounded(targetScale == 0 && to.isInteger ? .toNearestOrEven : .toNearestOrAwayFromZero)
                guard abs(r) < 1.7e38 else { throw failure(v, from, to, range, "out of range") }
                scaled = Int128(r)
            case .string(let s):
                guard let parsed = parseNumber(s.trimmingSpaces, scale: targetScale) else { throw failure(v, from, to, range) }
                scaled = parsed
            default:
                throw failure(v, from, to, range)
            }
            guard to.integerRange.contains(scaled) else { throw failure(v, from, to, range, "out of range") }
            return .int(scaled)
        case .double:
            switch v {
            case .int(let x): return .double(ScalarValue.decimalToDouble(x, scale: from.scale))
            case .bool(let b): return .double(b ? 1 : 0)
            case .string(let s):
                let t = s.trimmingSpaces.lowercased()
                if t == "inf" || t == "infinity" || t == "+inf" { return .double(.infinity) }
                if t == "-inf" || t == "-infinity" { return .double(-.infinity) }
                if t == "nan" { return .double(.nan) }
                guard let d = Double(t) else { throw failure(v, from, to, range) }
                return .double(d)
            default: throw failure(v, from, to, range)
            }
        case .date:
            switch v {
            case .timestamp(let t): return .date(Int32(truncatingIfNeeded: TemporalText.floorDiv(t, TemporalText.microsPerDay)))
            case .string(let s):
                guard let d = TemporalText.parseDate(s) else { throw failure(v, from, to, range) }
                return .date(d)
            default: throw failure(v, from, to, range)
            }
        case .timestamp:
            switch v {
            case .date(let d): return .timestamp(Int64(d) * TemporalText.microsPerDay)
            case .string(let s):
                guard let t = TemporalText.parseTimestamp(s) else { throw failure(v, from, to, range) }
                return .timestamp(t)
            default: throw failure(v, from, to, range)
            }
        case .interval:
            switch v {
            case .string(let s):
                guard let i = IntervalText.parse(s) else { throw failure(v, from, to, range) }
                return .interval(i)
            default: throw failure(v, from, to, range)
            }
        case .timestamptz:
            return try ZoneCasts.cast(v, from: from, to: to, zone: .utc, range)
        case .null:
            return .null
        }
    }

    /// A scaled integer moved from scale `a` to scale `b` (rounding half away from zero).
    static func rescale(_ x: Int128, from a: Int, to b: Int, _ v: ScalarValue, _ from: LogicalType, _ to: LogicalType,
                        _ range: SourceRange) throws(SQLError) -> Int128 {
        if a == b { return x }
        if b > a {
            let (r, o) = x.multipliedReportingOverflow(by: LogicalType.powerOfTen(b - a))
            if o { throw failure(v, from, to, range, "out of range") }
            return r
        }
        let p = LogicalType.powerOfTen(a - b)
        let q = x / p, rem = x % p
        if rem * 2 >= p { return q + 1 }
        if rem * 2 <= 0 - p { return q - 1 }
        return q
    }

    /// Decimal text (`-12.345`, `1e3`, ` 7 `) as an integer scaled by 10^scale, rounded
    /// half away from zero; nil if it is not a number.
    static func parseNumber(_ s: String, scale: Int) -> Int128? {
        var u = Array(s.utf8)
        guard !u.isEmpty else { return nil }
        var negative = false
        if u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+") {
            negative = u[0] == UInt8(ascii: "-")
            u.removeFirst()
        }
        if u.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let d = Double(s), d.isFinite else { return nil }
            let r = (d * LogicalType.powerOfTen(scale).nearestDouble).rounded(.toNearestOrAwayFromZero)
            guard abs(r) < 1.7e38 else { return nil }
            return Int128(r)
        }
        var whole: Int128 = 0, frac: Int128 = 0, fracDigits = 0, seenDigit = false, seenPoint = false
        var roundUp = false
        for b in u {
            if b == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            seenDigit = true
            let d = Int128(b - 0x30)
            if !seenPoint {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { return nil }
                whole = a
            } else if fracDigits < scale {
                frac = frac * 10 + d
                fracDigits += 1
            } else if fracDigits == scale {
                roundUp = d >= 5
                fracDigits += 1
            }
        }
        guard seenDigit else { return nil }
        let kept = min(fracDigits, scale)
        let scaledFrac = frac * LogicalType.powerOfTen(scale - kept)
        let (m, o) = whole.multipliedReportingOverflow(by: LogicalType.powerOfTen(scale))
        if o { return nil }
        var r = m + scaledFrac + (roundUp ? 1 : 0)
        if negative { r = 0 - r }
        return r
    }

    /// The text of a value as CAST(... AS VARCHAR) gives it.
    package static func text(_ v: ScalarValue, _ type: LogicalType) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let x): return type.scale == 0 ? String(x) : ScalarValue.decimalText(x, scale: type.scale)
        case .double(let d): return doubleText(d)
        case .string(let s): return s
        case .date(let d): return TemporalText.dateText(d)
        // An instant inside a list or struct, or in to_json, where the session's zone is not
        // at hand: in UTC, with its offset (the binder casts a bare one in the session's zone).
        case .timestamp(let t): return TemporalText.timestampText(t) + (type == .timestamptz ? "+00" : "")
        case .interval(let i): return i.description
        case .list(let xs):
            guard case .list(let t) = type else { return "" }
            return "[" + xs.map { $0.isNull ? "NULL" : text($0, t) }.joined(separator: ", ") + "]"
        case .structure(let xs):
            guard case .structure(let names, let types) = type else { return "" }
            let fields = xs.indices.map { i in xs[i].isNull ? "NULL" : text(xs[i], types[i]) }
            if names.allSatisfy(\.isEmpty) { return "(" + fields.joined(separator: ", ") + ")" }
            return "{" + zip(names, fields).map { "'\($0)': \($1)" }.joined(separator: ", ") + "}"
        }
    }

    /// A double as DuckDB prints it: shortest round-trip digits, `inf`, `nan`.
    package static func doubleText(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }
}
