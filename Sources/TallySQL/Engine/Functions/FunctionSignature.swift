/// What the catalog answers for a call: the types to cast the arguments to, the result
/// type, and the body.
package struct ResolvedFunction: Sendable {
    /// Each argument is cast to this type first (nil: take it as it is).
    package var argumentTypes: [LogicalType?]
    /// The result.
    package var returnType: LogicalType
    /// The body.
    package var kernel: ScalarKernel
    /// Whether the body may throw.
    package var canFail: Bool = false
}

/// An argument as the catalog sees it: its type and, for constants, its value.
package struct FunctionArgument: Sendable {
    /// The argument's type.
    package var type: LogicalType
    /// The value if the argument is a constant.
    package var constant: ScalarValue?
}

/// The numeric type two operands meet in (DuckDB's implicit promotion), nil if none.
package enum TypePromotion {
    /// The common type of `a` and `b` for comparison, CASE, COALESCE, IN and arithmetic.
    package static func common(_ a: LogicalType, _ b: LogicalType) -> LogicalType? {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        if a == .double && b.isNumeric || b == .double && a.isNumeric { return .double }
        if a.isNumeric && b.isNumeric {
            if a.isInteger && b.isInteger { return integerRank(a) >= integerRank(b) ? a : b }
            let sa = a.scale, sb = b.scale
            let scale = max(sa, sb)
            let whole = max(a.decimalWidth - sa, b.decimalWidth - sb)
            let width = whole + scale
            if width > 38 { return .decimal(width: 38, scale: min(scale, 38 - min(whole, 38))) }
            return .decimal(width: width, scale: scale)
        }
        if (a == .date && b == .timestamp) || (a == .timestamp && b == .date) { return .timestamp }
        // A TIMESTAMP or DATE meets an instant as the session zone's wall time (DuckDB's rule).
        if a == .timestamptz && (b == .timestamp || b == .date) || b == .timestamptz && (a == .timestamp || a == .date) { return .timestamptz }
        return nil
    }

    static func integerRank(_ t: LogicalType) -> Int {
        switch t {
        case .integer: return 1
        case .bigint: return 2
        case .hugeint: return 3
        default: return 0
        }
    }

    /// An integer type as the DECIMAL it fits in (for arithmetic with decimals).
    package static func asDecimal(_ t: LogicalType) -> LogicalType {
        switch t {
        case .integer: return .decimal(width: 10, scale: 0)
        case .bigint: return .decimal(width: 19, scale: 0)
        case .hugeint: return .decimal(width: 38, scale: 0)
        default: return t
        }
    }
}
