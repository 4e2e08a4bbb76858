import TallySystem
import TallyFormat
/// Exact `+ - *` of integers and money in SQL expressions: computed in Int128 and checked
/// against the range of the expression's static type, BIGINT (Int64), HUGEINT (Int128) or
/// DECIMAL(38,9) (money: |nano-USD| < 10^38). Leaving the range is an error naming the
/// operation and its operands, as DuckDB's "Overflow in multiplication of INT64
/// (9223372036854775807 * 2)!", never a wrapped number: a total that silently turns
/// negative is worse than no answer.
enum SQLExactArithmetic {
    /// `l op r` when the operation is exact (integers with integers, money with money or
    /// integers, `+ - *`); nil when it is not (a Double or NULL operand, division), for
    /// the caller to compute in Double.
    /// - Throws: `SQLError` of kind `.overflow` at `range` when the exact result does not
    ///   fit `type`.
    static func apply(_ op: SQLBinaryOperator, _ l: SQLValue, _ r: SQLValue, type: ResultType, at range: SourceRange) throws(SQLError) -> SQLValue? {
        guard op == .add || op == .subtract || op == .multiply else { return nil }
        switch (l, r) {
        case (.int(let a), .int(let b)):
            return .int(try checked(op, a, b, type: type == .bigint ? .bigint : .hugeint, l, r, at: range))
        case (.money(let a), .int(let b)) where op == .multiply, (.int(let b), .money(let a)) where op == .multiply:
            return .money(try checked(op, a, b, type: .money, l, r, at: range))
        case (.money, .money) where op != .multiply, (.money, .int) where op != .multiply, (.int, .money) where op != .multiply:
            // An integer counts as whole dollars; one too large to be nano-USD at all
            // overflows just the same.
            guard let a = l.exactNanos, let b = r.exactNanos else { throw overflow(op, .money, l, r, at: range) }
            return .money(try checked(op, a, b, type: .money, l, r, at: range))
        default:
            return nil
        }
    }

    /// The largest magnitude of money: DECIMAL(38,9) holds 38 digits of nano-USD.
    static let moneyLimit: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999_999

    /// `a op b` in Int128, checked against `type`'s range.
    private static func checked(
        _ op: SQLBinaryOperator, _ a: Int128, _ b: Int128, type: ResultType, _ l: SQLValue, _ r: SQLValue, at range: SourceRange
    ) throws(SQLError) -> Int128 {
        let (value, wrapped) = switch op {
        case .add: a.addingReportingOverflow(b)
        case .subtract: a.subtractingReportingOverflow(b)
        default: a.multipliedReportingOverflow(by: b)
        }
        let fits = switch type {
        case .bigint: Int128(Int64.min) <= value && value <= Int128(Int64.max)
        case .money: -moneyLimit <= value && value <= moneyLimit
        default: true
        }
        guard !wrapped && fits else { throw overflow(op, type, l, r, at: range) }
        return value
    }

    /// The error of `l op r` leaving `type`'s range, in DuckDB's words.
    static func overflow(_ op: SQLBinaryOperator, _ type: ResultType, _ l: SQLValue, _ r: SQLValue, at range: SourceRange) -> SQLError {
        let operation = switch op {
        case .add: "addition"
        case .subtract: "subtraction"
        default: "multiplication"
        }
        let typeName = switch type {
        case .bigint: "INT64"
        case .money: ResultType.money.rawValue
        default: "INT128"
        }
        return SQLError(
            .overflow, "Overflow in \(operation) of \(typeName) (\(l.plainText) \(op.rawValue) \(r.plainText))", at: range,
            hint: "Tally's integer and money arithmetic is exact and never wraps; divide first (division gives a DOUBLE) or use smaller factors")
    }
}
