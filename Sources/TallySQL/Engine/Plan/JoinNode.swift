/// A join as a plan node: the output is the left input's columns then the right's.
///
/// With equality keys it runs as a hash join (the right input is the build side,
/// materialised and hashed on its keys; the left input probes it chunk by chunk); without
/// them every pair is a candidate (CROSS JOIN, or an ON of other conditions). The residual
/// condition decides, per candidate pair, whether it matches, so for outer joins it is
/// part of the match, not a filter after it.
package struct JoinNode: Sendable {
    /// INNER, LEFT, RIGHT, FULL or CROSS.
    package var kind: JoinKind
    /// The probe side.
    package var left: LogicalPlan
    /// The build side.
    package var right: LogicalPlan
    /// Key expressions over the left input's columns.
    package var leftKeys: [BoundExpression]
    /// Key expressions over the right input's columns (same types as `leftKeys`).
    package var rightKeys: [BoundExpression]
    /// The rest of the condition, over the output's columns (nil: none).
    package var residual: BoundExpression?

    /// The output column types.
    package var types: [LogicalType] { left.types + right.types }

    /// The label EXPLAIN prints.
    package var label: String {
        var text = leftKeys.isEmpty ? "NESTED_LOOP_JOIN \(kind.rawValue)" : "HASH_JOIN \(kind.rawValue)"
        if !leftKeys.isEmpty {
            text += " keys [" + zip(leftKeys, rightKeys).map { "\($0.explained) = \($1.explained)" }.joined(separator: ", ") + "]"
        }
        if let residual { text += " condition \(residual.explained)" }
        return text
    }
}
