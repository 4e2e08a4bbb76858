import Foundation

/// `left, LATERAL (query) r` / `left [LEFT] JOIN LATERAL (query) r ON condition`: the right
/// query reads columns of the left row (through correlation slots, as a correlated
/// subquery does) and runs once per distinct combination of the values it reads; each left
/// row pairs with the right rows of its key. The output is the left columns then the right's.
package struct LateralJoinNode: Sendable {
    /// CROSS (comma), INNER or LEFT.
    package var kind: JoinKind
    /// The left input.
    package var left: LogicalPlan
    /// The right query (its own query level).
    package var right: LogicalPlan
    /// The outer values the right query reads, in the order of `keys`.
    package var slots: [CorrelationSlot]
    /// The left expressions filling the slots, over the left input's columns.
    package var keys: [BoundExpression]
    /// ON, over the output's columns (nil: every pair matches).
    package var residual: BoundExpression?
    /// Held while the right query runs with one key in its slots.
    package let runLock = NSLockBox()
    /// Where the LATERAL query is, for errors.
    package var range: SourceRange

    /// The output column types.
    package var types: [LogicalType] { left.types + right.types }

    /// The label EXPLAIN prints.
    package var label: String {
        "LATERAL_JOIN \(kind.rawValue) on (" + keys.map(\.explained).joined(separator: ", ") + ")"
            + (residual.map { " condition \($0.explained)" } ?? "")
    }
}

/// A lock a value type can carry (shared by its copies).
package final class NSLockBox: @unchecked Sendable {
    let lock = NSLock()
}
