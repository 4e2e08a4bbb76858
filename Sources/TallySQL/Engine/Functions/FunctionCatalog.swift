/// The scalar functions, by DuckDB's names: resolves a call to its body and types.
package enum FunctionCatalog {
    /// Resolves `name(args)`; nil if there is no scalar function of that name.
    package static func resolve(_ name: String, _ args: [FunctionArgument], at range: SourceRange) throws(SQLError) -> ResolvedFunction? {
        if let f = try StringFunctions.resolve(name, args, at: range) { return f }
        if let f = try DateFunctions.resolve(name, args, at: range) { return f }
        if let f = try MathFunctions.resolve(name, args, at: range) { return f }
        if let f = try GeneralFunctions.resolve(name, args, at: range) { return f }
        return nil
    }

    /// Every scalar function name, for "did you mean" and the reference.
    package static var names: [String] {
        (StringFunctions.names + DateFunctions.names + MathFunctions.names + GeneralFunctions.names).sorted()
    }

    /// Checks the argument count.
    static func arity(_ name: String, _ args: [FunctionArgument], _ counts: ClosedRange<Int>, _ range: SourceRange) throws(SQLError) {
        guard counts.contains(args.count) else {
            let wanted = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
            throw SQLError(.invalidArgument, "\(name)() takes \(wanted) argument\(counts.upperBound == 1 ? "" : "s"), not \(args.count)", at: range)
        }
    }

    /// An error for an argument of the wrong type.
    static func wrongType(_ name: String, _ args: [FunctionArgument], _ range: SourceRange, expected: String) -> SQLError {
        SQLError(.invalidArgument, "no function \(name)(\(args.map { $0.type.description }.joined(separator: ", ")))", at: range,
                 hint: "\(name) takes \(expected); add an explicit CAST")
    }
}

/// Functions of any type: COALESCE, NULLIF, GREATEST, LEAST, typeof.
enum GeneralFunctions {
    static let names = ["coalesce", "ifnull", "nullif", "greatest", "least", "typeof"]

    static func resolve(_ name: String, _ args: [FunctionArgument], at range: SourceRange) throws(SQLError) -> ResolvedFunction? {
        switch name {
        case "coalesce", "ifnull":
            if name == "ifnull" { try FunctionCatalog.arity(name, args, 2...2, range) }
            guard !args.isEmpty else { throw SQLError(.invalidArgument, "coalesce() needs at least one argument", at: range) }
            let t = try commonType(name, args, range)
            return ResolvedFunction(argumentTypes: args.map { _ in t }, returnType: t, kernel: RowKernel.make(t, strict: false) { v in
                v.first { !$0.isNull } ?? .null
            })
        case "nullif":
            try FunctionCatalog.arity(name, args, 2...2, range)
            let t = try commonType(name, args, range)
            return ResolvedFunction(argumentTypes: [t, t], returnType: t, kernel: RowKernel.make(t, strict: false) { v in
                if v[0].isNull { return .null }
                if !v[1].isNull && ScalarValue.compare(v[0], v[1]) == 0 { return .null }
                return v[0]
            })
        case "greatest", "least":
            guard !args.isEmpty else { throw SQLError(.invalidArgument, "\(name)() needs at least one argument", at: range) }
            let t = try commonType(name, args, range)
            let wantGreater = name == "greatest"
            let rows = RowKernel.make(t, strict: false) { v in
                var best: ScalarValue = .null
                for x in v where !x.isNull {
                    if best.isNull { best = x; continue }
                    let c = ScalarValue.compare(x, best)
                    if wantGreater ? c > 0 : c < 0 { best = x }
                }
                return best
            }
            return ResolvedFunction(argumentTypes: args.map { _ in t }, returnType: t, kernel: extremes(t, greatest: wantGreater, rows: rows))
        case "typeof":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let text = args[0].type.description
            return ResolvedFunction(argumentTypes: [nil], returnType: .varchar, kernel: RowKernel.make(.varchar, strict: false) { _ in .string(text) })
        default:
            return nil
        }
    }

    /// greatest/least over Int64-backed or DOUBLE vectors and constants without NULLs: a
    /// loop per argument over the running best (DuckDB's order for doubles, NaN above every
    /// number); anything else goes to `rows`. Row by row it was 0.08x DuckDB (session 16).
    static func extremes(_ t: LogicalType, greatest: Bool, rows: @escaping ScalarKernel) -> ScalarKernel {
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            if t.isInt64Backed {
                // A NULL takes no part: it becomes the identity of max or min, and a row is
                // NULL only where every argument is.
                let identity = greatest ? Int64.min : Int64.max
                var operands: [ArithmeticLoops.Operand<Int64>] = []
                var validities: [[Bool]] = []
                for a in args {
                    switch a.storage {
                    case .int64(let xs):
                        if let v = a.validity {
                            validities.append(v)
                            operands.append(.rows(zip(xs, v).map { $1 ? $0 : identity }))
                        } else {
                            operands.append(.rows(xs))
                        }
                    case .constant(let k):
                        // A NULL constant takes no part either.
                        if k.isNull { continue }
                        guard let x = ExpressionEvaluator.int64Bits(k) else { return try rows(args, n) }
                        operands.append(.constant(x))
                    default: return try rows(args, n)
                    }
                }
                guard let first = operands.first else { return try rows(args, n) }
                var best = ArithmeticLoops.loop(first, first, n) { x, _ in x }
                for o in operands.dropFirst() {
                    best = ArithmeticLoops.loop(.rows(best), o, n) { b, x in greatest ? Swift.max(b, x) : Swift.min(b, x) }
                }
                // Every operand a column with NULLs: NULL where all are.
                var validity: [Bool]? = nil
                if validities.count == operands.count {
                    validity = (0..<n).map { i in validities.contains { $0[i] } }
                }
                return ColumnVector(type: t, storage: .int64(best), validity: validity, count: n)
            }
            if t == .double {
                var operands: [ArithmeticLoops.Operand<Double>] = []
                for a in args {
                    switch a.storage {
                    case .double(let xs) where a.validity == nil: operands.append(.rows(xs))
                    case .constant(.double(let x)): operands.append(.constant(x))
                    default: return try rows(args, n)
                    }
                }
                var best = ArithmeticLoops.loop(operands[0], operands[0], n) { x, _ in x }
                for o in operands.dropFirst() {
                    best = ArithmeticLoops.loop(.rows(best), o, n) { b, x in MinMaxState.isBetter(x, than: b, max: greatest) ? x : b }
                }
                return ColumnVector(type: t, storage: .double(best), count: n)
            }
            return try rows(args, n)
        }
    }

    /// The type all arguments meet in; string constants adapt to the others.
    static func commonType(_ name: String, _ args: [FunctionArgument], _ range: SourceRange) throws(SQLError) -> LogicalType {
        var t: LogicalType = .null
        for a in args where !(a.type == .varchar && a.constant != nil) {
            guard let c = TypePromotion.common(t, a.type) else {
                throw SQLError(.invalidArgument, "\(name)() cannot mix \(t) and \(a.type)", at: range, hint: "CAST the arguments to one type")
            }
            t = c
        }
        if t == .null && args.contains(where: { $0.type == .varchar }) { t = .varchar }
        return t
    }
}
