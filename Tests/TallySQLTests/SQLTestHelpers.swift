import TallySQL

/// The normalised SQL of a parse, or `error <kind> at <line>:<column>+<length>: <message>`.
func summary(_ sql: String) -> String {
    do {
        return try SQLParser.parse(sql).description
    } catch {
        return "error \(error.kind.rawValue) at \(error.range.line):\(error.range.column)+\(error.range.length): \(error.message)"
    }
}

/// The error a query fails with, or `nil` if it parses.
func parseError(_ sql: String) -> SQLError? {
    do {
        _ = try SQLParser.parse(sql)
        return nil
    } catch {
        return error
    }
}

/// An expression with every compound subexpression in parentheses: the tree's shape made
/// visible, independent of the printer's precedence rules.
func fullyParenthesized(_ e: SQLExpression) -> String {
    switch e {
    case .column(let id): return id.description
    case .literal(let l, _): return l.sqlText
    case .unary(.not, let x, _): return "(NOT \(fullyParenthesized(x)))"
    case .unary(.negate, let x, _): return "(- \(fullyParenthesized(x)))"
    case .binary(let op, let l, let r, _): return "(\(fullyParenthesized(l)) \(op.rawValue) \(fullyParenthesized(r)))"
    case .inList(let x, let list, let negated, _):
        return "(\(fullyParenthesized(x))\(negated ? " NOT" : "") IN (\(list.map(fullyParenthesized).joined(separator: ", "))))"
    case .between(let x, let low, let high, let negated, _):
        return "(\(fullyParenthesized(x))\(negated ? " NOT" : "") BETWEEN \(fullyParenthesized(low)) AND \(fullyParenthesized(high)))"
    case .like(let x, let p, let negated, _):
        return "(\(fullyParenthesized(x))\(negated ? " NOT" : "") LIKE \(SQLLiteral.string(p.text).sqlText))"
    case .isNull(let x, let negated, _):
        return "(\(fullyParenthesized(x)) IS\(negated ? " NOT" : "") NULL)"
    case .aggregate(let call):
        var s = call.function.rawValue + "("
        if let a = call.argument {
            s += (call.isDistinct ? "DISTINCT " : "") + fullyParenthesized(a)
        } else {
            s += "*"
        }
        if let f = call.fraction { s += ", \(f)" }
        return s + ")"
    case .dateTrunc(let unit, let x, _): return "date_trunc('\(unit.rawValue)', \(fullyParenthesized(x)))"
    }
}

/// A small deterministic generator (SplitMix64), so that property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
