import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// An infix operator. `!=` and `<>` are the same operator.
package enum SQLBinaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*`
    case multiply = "*"
    /// `/`
    case divide = "/"
    /// `=`
    case equal = "="
    /// `<>` or `!=`
    case notEqual = "<>"
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// `AND`
    case and = "AND"
    /// `OR`
    case or = "OR"

    /// Whether the operator compares two values (and yields a boolean).
    package var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    /// Whether the operator is arithmetic (`+ - * /`).
    package var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide: return true
        default: return false
        }
    }
}
