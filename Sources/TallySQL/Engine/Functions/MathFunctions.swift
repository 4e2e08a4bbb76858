import Foundation

/// Numeric functions: exact on integers and decimals where DuckDB is, DOUBLE otherwise.
enum MathFunctions {
    static let doubleFunctions = ["sqrt", "cbrt", "ln", "log", "log10", "log2", "exp", "sin", "cos", "tan", "asin", "acos", "atan",
                                  "degrees", "radians"]
    static let names = doubleFunctions + ["abs", "sign", "round", "floor", "ceil", "ceiling", "trunc", "power", "pow", "mod", "pi",
                                          "isnan", "isinf", "isfinite", "even", "atan2"]

    /// The IEEE function of a name of `doubleFunctions`: as DuckDB 2.0 computes them, a
    /// value outside the domain gives NaN (`sqrt(-1)`, `ln(-1)`) or an infinity (`ln(0)`),
    /// not an error.
    static func function(_ name: String) -> @Sendable (Double) -> Double {
        switch name {
        case "sqrt": return { $0.squareRoot() }
        case "cbrt": return { Foundation.cbrt($0) }
        case "ln": return { Foundation.log($0) }
        // DuckDB's one-argument log is base 10.
        case "log", "log10": return { Foundation.log10($0) }
        case "log2": return { Foundation.log2($0) }
        case "exp": return { Foundation.exp($0) }
        case "sin": return { Foundation.sin($0) }
        case "cos": return { Foundation.cos($0) }
        case "tan": return { Foundation.tan($0) }
        case "asin": return { Foundation.asin($0) }
        case "acos": return { Foundation.acos($0) }
        case "atan": return { Foundation.atan($0) }
        case "degrees": return { $0 * 180 / Double.pi }
        default: return { $0 * Double.pi / 180 }
        }
    }

    /// A kernel applying `f` to a DOUBLE vector: one loop over the values (NULL rows keep
    /// their validity), where the row kernel made a scalar per row and chose the function
    /// by its name per row; other forms (constants, dictionaries) go through the row kernel.
    static func unaryDouble(_ f: @escaping @Sendable (Double) -> Double) -> ScalarKernel {
        let general = RowKernel.make(.double) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            guard case .double(let x) = v[0] else { return .null }
            return .double(f(x))
        }
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard case .double(let xs) = args[0].storage else { return try general(args, n) }
            let out = [Double](unsafeUninitializedCapacity: n) { o, made in
                xs.withUnsafeBufferPointer { x in for i in 0..<n { o[i] = f(x[i]) } }
                made = n
            }
            return ColumnVector(type: .double, storage: .double(out), validity: args[0].validity, count: n)
        }
    }

    /// abs over a DOUBLE or Int64-backed vector, a loop; a value whose absolute value
    /// leaves the type (the most negative integer) sends the vector to `rows`, which names it.
    static func absKernel(_ t: LogicalType, rows: @escaping ScalarKernel) -> ScalarKernel {
        let hi = Int64(clamping: t.integerRange.upperBound)
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            switch args[0].storage {
            case .double(let xs):
                let out = CastLoops.map(xs, n) { Swift.abs($0) }
                return ColumnVector(type: t, storage: .double(out), validity: args[0].validity, count: n)
            case .int64(let xs) where t.isInt64Backed:
                var bad = false
                let out = CastLoops.map(xs, n) { x -> Int64 in
                    let r = x < 0 ? 0 &- x : x
                    // Int64.min stays negative under wrapping negation.
                    bad = bad || r < 0 || r > hi
                    return r
                }
                if bad { return try rows(args, n) }
                return ColumnVector(type: t, storage: .int64(out), validity: args[0].validity, count: n)
            default:
                return try rows(args, n)
            }
        }
    }

    /// round's kernel: DOUBLE vectors through `ExactRounding.kernel`, anything else by row.
    static func roundKernel(_ t: LogicalType, rows: @escaping ScalarKernel) -> ScalarKernel {
        if t == .double { return ExactRounding.kernel(rows: rows) }
        guard t.isInt64Backed, t.scale > 0 else { return rows }
        // Decimals of up to 18 digits: the scaled integers rounded half away from zero to
        // `digits` places, as the row kernel does in Int128.
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard case .int64(let xs) = args[0].storage, args.count > 1, case .constant(let k) = args[1].storage, !k.isNull else {
                return try rows(args, n)
            }
            let drop = t.scale - StringFunctions.int(k)
            if drop <= 0 { return args[0] }
            if drop > 18 { return try rows(args, n) }
            let out = [Int64](unsafeUninitializedCapacity: n) { o, made in
                xs.withUnsafeBufferPointer { x in
                    // The power of ten a literal in each loop, so that its division is a
                    // multiplication: by a variable it was an idiv a row, three quarters of
                    // `sum(round(cost_usd, 2))` (per_step 10M, 26 ms).
                    switch drop {
                    case 1: roundDecimals(x, o, n, 10)
                    case 2: roundDecimals(x, o, n, 100)
                    case 3: roundDecimals(x, o, n, 1_000)
                    case 4: roundDecimals(x, o, n, 10_000)
                    case 5: roundDecimals(x, o, n, 100_000)
                    case 6: roundDecimals(x, o, n, 1_000_000)
                    case 7: roundDecimals(x, o, n, 10_000_000)
                    case 8: roundDecimals(x, o, n, 100_000_000)
                    case 9: roundDecimals(x, o, n, 1_000_000_000)
                    default: roundDecimals(x, o, n, Int64(LogicalType.powerOfTen(drop)))
                    }
                }
                made = n
            }
            return ColumnVector(type: t, storage: .int64(out), validity: args[0].validity, count: n)
        }
    }

    /// Scaled integers rounded half away from zero to a multiple of `p` (a DECIMAL of at most
    /// 18 digits is below 10^18 in magnitude, so the product cannot overflow).
    @inline(__always)
    static func roundDecimals(_ x: UnsafeBufferPointer<Int64>, _ o: UnsafeMutableBufferPointer<Int64>, _ n: Int, _ p: Int64) {
        for i in 0..<n { o[i] = CastLoops.divideRounded(x[i], p) &* p }
    }

    static func numeric(_ name: String, _ args: [FunctionArgument], _ i: Int, _ range: SourceRange) throws(SQLError) -> LogicalType {
        let t = args[i].type
        if t.isNumeric { return t }
        if t == .null { return .double }
        if t == .varchar, args[i].constant != nil { return .double }
        throw FunctionCatalog.wrongType(name, args, range, expected: "a number")
    }

    static func resolve(_ name: String, _ args: [FunctionArgument], at range: SourceRange) throws(SQLError) -> ResolvedFunction? {
        if doubleFunctions.contains(name) {
            if name == "log", args.count == 2 {
                // DuckDB 2.0: NaN or an infinity outside the domain, never an error.
                return ResolvedFunction(argumentTypes: [.double, .double], returnType: .double, kernel: RowKernel.make(.double) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                    guard case .double(let b) = v[0], case .double(let x) = v[1] else { return .null }
                    return .double(Foundation.log(x) / Foundation.log(b))
                })
            }
            try FunctionCatalog.arity(name, args, 1...1, range)
            _ = try numeric(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [.double], returnType: .double, kernel: unaryDouble(function(name)))
        }
        switch name {
        case "pi":
            try FunctionCatalog.arity(name, args, 0...0, range)
            return ResolvedFunction(argumentTypes: [], returnType: .double, kernel: { _, n in .constant(.double(Double.pi), type: .double, count: n) })
        case "atan2":
            try FunctionCatalog.arity(name, args, 2...2, range)
            return ResolvedFunction(argumentTypes: [.double, .double], returnType: .double, kernel: RowKernel.make(.double) { v in
                guard case .double(let y) = v[0], case .double(let x) = v[1] else { return .null }
                return .double(Foundation.atan2(y, x))
            })
        case "isnan", "isinf", "isfinite":
            try FunctionCatalog.arity(name, args, 1...1, range)
            return ResolvedFunction(argumentTypes: [.double], returnType: .boolean, kernel: RowKernel.make(.boolean) { v in
                guard case .double(let x) = v[0] else { return .null }
                return .bool(name == "isnan" ? x.isNaN : (name == "isinf" ? x.isInfinite : x.isFinite))
            })
        case "abs":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try numeric(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [t], returnType: t, kernel: absKernel(t, rows: RowKernel.make(t) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                switch v[0] {
                case .int(let x):
                    let r = x < 0 ? 0 - x : x
                    guard t.integerRange.contains(r) else { throw SQLError(.overflow, "Overflow on abs(\(x))", at: range) }
                    return .int(r)
                case .double(let d): return .double(Swift.abs(d))
                default: return .null
                }
            }), canFail: true)
        case "sign":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try numeric(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [t], returnType: .integer, kernel: RowKernel.make(.integer) { v in
                switch v[0] {
                case .int(let x): return .int(x > 0 ? 1 : (x < 0 ? -1 : 0))
                case .double(let d): return .int(d > 0 ? 1 : (d < 0 ? -1 : 0))
                default: return .null
                }
            })
        case "even":
            try FunctionCatalog.arity(name, args, 1...1, range)
            return ResolvedFunction(argumentTypes: [.double], returnType: .double, kernel: RowKernel.make(.double) { v in
                guard case .double(let x) = v[0] else { return .null }
                var r = (x >= 0 ? x.rounded(.up) : x.rounded(.down))
                if r.truncatingRemainder(dividingBy: 2) != 0 { r += x >= 0 ? 1 : -1 }
                return .double(r)
            })
        case "floor", "ceil", "ceiling", "trunc":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try numeric(name, args, 0, range)
            let out: LogicalType = { if case .decimal(let w, _) = t { return .decimal(width: w, scale: 0) }; return t }()
            return ResolvedFunction(argumentTypes: [t], returnType: out, kernel: RowKernel.make(out) { v in
                switch v[0] {
                case .int(let x):
                    let p = LogicalType.powerOfTen(t.scale)
                    if p == 1 { return .int(x) }
                    var q = x / p
                    let r = x % p
                    if name == "floor" && r < 0 { q -= 1 }
                    if (name == "ceil" || name == "ceiling") && r > 0 { q += 1 }
                    return .int(q)
                case .double(let d):
                    return .double(name == "floor" ? d.rounded(.down) : (name == "trunc" ? d.rounded(.towardZero) : d.rounded(.up)))
                default: return .null
                }
            })
        case "round":
            try FunctionCatalog.arity(name, args, 1...2, range)
            let t = try numeric(name, args, 0, range)
            let types: [LogicalType?] = args.count == 2 ? [t, .integer] : [t]
            return ResolvedFunction(argumentTypes: types, returnType: t, kernel: roundKernel(t, rows: RowKernel.make(t) { v in
                let digits = v.count > 1 ? StringFunctions.int(v[1]) : 0
                switch v[0] {
                case .int(let x):
                    let s = t.scale
                    if digits >= s { return .int(x) }
                    let drop = s - digits
                    if drop > 38 { return .int(0) }
                    let p = LogicalType.powerOfTen(drop)
                    var q = x / p
                    let r = x % p
                    if r * 2 >= p { q += 1 } else if r * 2 <= 0 - p { q -= 1 }
                    return .int(q * p)
                case .double(let d):
                    if digits == 0 || !d.isFinite { return .double(digits == 0 ? d.rounded(.toNearestOrAwayFromZero) : d) }
                    return .double(ExactRounding.round(d, digits: digits))
                default: return .null
                }
            }))
        case "power", "pow":
            try FunctionCatalog.arity(name, args, 2...2, range)
            return ResolvedFunction(argumentTypes: [.double, .double], returnType: .double, kernel: RowKernel.make(.double) { v in
                guard case .double(let a) = v[0], case .double(let b) = v[1] else { return .null }
                return .double(Foundation.pow(a, b))
            })
        case "mod":
            return nil // bound as the % operator by the binder
        default:
            return nil
        }
    }
}

/// Rounding of a double's exact binary value to decimal digits, half away from zero
/// (DuckDB: `round(7.805, 2)` is 7.8, since 7.805 is 7.80499999... in binary).
enum ExactRounding {
    /// `round(x, digits)` of a DOUBLE vector with constant digits, a loop over the values;
    /// other forms go to `rows`, the row kernel.
    static func kernel(rows: @escaping ScalarKernel) -> ScalarKernel {
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard case .double(let xs) = args[0].storage else { return try rows(args, n) }
            var digits = 0
            if args.count > 1 {
                guard case .constant(let k) = args[1].storage, !k.isNull else { return try rows(args, n) }
                digits = StringFunctions.int(k)
            }
            let out = [Double](unsafeUninitializedCapacity: n) { o, made in
                xs.withUnsafeBufferPointer { x in for i in 0..<n { o[i] = quickRound(x[i], digits: digits) } }
                made = n
            }
            return ColumnVector(type: .double, storage: .double(out), validity: args[0].validity, count: n)
        }
    }

    /// `round(d, digits)`: `x * 10^digits` rounded and divided back, which is the exact
    /// answer (the nearest double to the rounded decimal: a correctly rounded division of
    /// two exact numbers) whenever the product is not near a tie and below 2^52; else the
    /// exact decimal expansion decides (`round`). The expansion formats the double as
    /// text, a microsecond per value: `sum(round(quantity, 1))` took 16 s on per_step 10M.
    @inline(__always)
    static func quickRound(_ d: Double, digits: Int) -> Double {
        if digits == 0 || !d.isFinite { return digits == 0 ? d.rounded(.toNearestOrAwayFromZero) : d }
        if digits > 0 && digits <= 22 {
            let p = powersOfTen[digits]
            let y = d * p
            let fraction = Swift.abs(y - y.rounded(.towardZero))
            // The product's error is below |y| * 2^-52; a margin far above that.
            if Swift.abs(y) < 4.5e15 && Swift.abs(fraction - 0.5) > 1e-9 * (Swift.abs(y) + 1) {
                return y.rounded(.toNearestOrAwayFromZero) / p
            }
        }
        return round(d, digits: digits)
    }

    /// 10^0 ... 10^22, each exact in a Double.
    static let powersOfTen: [Double] = (0...22).map { Foundation.pow(10.0, Double($0)) }

    static func round(_ d: Double, digits: Int) -> Double {
        if digits < 0 {
            let m = Foundation.pow(10.0, Double(-digits))
            return (d / m).rounded(.toNearestOrAwayFromZero) * m
        }
        if digits > 30 { return d }
        // glibc prints the exact binary expansion; 40 places decide every tie.
        let text = String(format: "%.40f", abs(d))
        guard let point = text.firstIndex(of: ".") else { return d }
        let whole = String(text[..<point])
        let fraction = Array(text[text.index(after: point)...])
        var kept = whole + "." + String(fraction.prefix(digits))
        if let next = fraction.dropFirst(digits).first, next >= "5" {
            // Half or more away from zero: add one unit in the last kept place.
            var chars = Array(kept)
            var i = chars.count - 1
            while i >= 0 {
                if chars[i] == "." { i -= 1; continue }
                if chars[i] == "9" { chars[i] = "0"; i -= 1; continue }
                chars[i] = Character(String(chars[i].wholeNumberValue! + 1))
                break
            }
            kept = (i < 0 ? "1" : "") + String(chars)
        }
        let r = Double(kept) ?? d
        return d < 0 ? -r : r
    }
}
