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
            return ResolvedFunction(argumentTypes: args.map { _ in t }, returnType: t, kernel: RowKernel.make(t, strict: false) { v in
                var best: ScalarValue = .null
                for x in v where !x.isNull {
                    if best.isNull { best = x; continue }
                    let c = ScalarValue.compare(x, best)
                    if wantGreater ? c > 0 : c < 0 { best = x }
                }
                return best
            })
        case "typeof":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let text = args[0].type.description
            return ResolvedFunction(argumentTypes: [nil], returnType: .varchar, kernel: RowKernel.make(.varchar, strict: false) { _ in .string(text) })
        default:
            return nil
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
