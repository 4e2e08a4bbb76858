import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
extension SQLExpression: CustomStringConvertible {
    /// Normalised SQL: upper-case keywords, lower-case function names and unquoted identifiers,
    /// single spaces, and only the parentheses that precedence requires. It parses back to the
    /// same expression.
    package var description: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Binding strength for printing, loosest first; matches the parser's levels.
    var precedence: Int {
        switch self {
        case .binary(let op, _, _, _):
            switch op {
            case .or: return 1
            case .and: return 2
            case .add, .subtract: return 5
            case .multiply, .divide: return 6
            default: return 4
            }
        case .unary(.not, _, _): return 3
        case .inList, .between, .like, .isNull: return 4
        case .unary(.negate, _, _): return 7
        case .literal(.number(let n), _) where n.isNegative: return 7
        default: return 8
        }
    }

    private func write(_ e: SQLExpression, parenthesizedIf needed: Bool, to out: inout String) {
        if needed { out += "(" }
        e.write(to: &out)
        if needed { out += ")" }
    }

    func write(to out: inout String) {
        switch self {
        case .column(let id):
            out += id.description
        case .literal(let literal, _):
            out += literal.sqlText
        case .unary(.not, let x, _):
            out += "NOT "
            write(x, parenthesizedIf: x.precedence < 3, to: &out)
        case .unary(.negate, let x, _):
            // A nested minus is always parenthesised: `--` would start a comment.
            out += "-"
            write(x, parenthesizedIf: x.precedence <= 7, to: &out)
        case .binary(let op, let l, let r, _):
            let p = precedence
            // Comparisons do not chain, so both sides of one need parentheses at equal strength.
            write(l, parenthesizedIf: op.isComparison ? l.precedence <= p : l.precedence < p, to: &out)
            out += " \(op.rawValue) "
            write(r, parenthesizedIf: r.precedence <= p, to: &out)
        case .inList(let x, let list, let negated, _):
            write(x, parenthesizedIf: x.precedence <= 4, to: &out)
            out += negated ? " NOT IN (" : " IN ("
            for (i, item) in list.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out)
            }
            out += ")"
        case .between(let x, let low, let high, let negated, _):
            write(x, parenthesizedIf: x.precedence <= 4, to: &out)
            out += negated ? " NOT BETWEEN " : " BETWEEN "
            write(low, parenthesizedIf: low.precedence <= 4, to: &out)
            out += " AND "
            write(high, parenthesizedIf: high.precedence <= 4, to: &out)
        case .like(let x, let pattern, let negated, _):
            write(x, parenthesizedIf: x.precedence <= 4, to: &out)
            out += negated ? " NOT LIKE " : " LIKE "
            out += SQLLiteral.string(pattern.text).sqlText
        case .isNull(let x, let negated, _):
            write(x, parenthesizedIf: x.precedence <= 4, to: &out)
            out += negated ? " IS NOT NULL" : " IS NULL"
        case .aggregate(let call):
            out += call.function.rawValue + "("
            if let argument = call.argument {
                if call.isDistinct { out += "DISTINCT " }
                argument.write(to: &out)
            } else {
                out += "*"
            }
            if let fraction = call.fraction { out += ", \(fraction)" }
            out += ")"
        case .dateTrunc(let unit, let x, _):
            out += "date_trunc('\(unit.rawValue)', "
            x.write(to: &out)
            out += ")"
        }
    }
}
