/// A window function bound over the window node's input: what it computes, over which
/// partitions, in which order and over which frame.
package struct BoundWindowFunction: Sendable {
    /// The function.
    package var kind: WindowFunctionKind
    /// The arguments, over the window node's input.
    package var arguments: [BoundExpression]
    /// PARTITION BY keys.
    package var partitionBy: [BoundExpression]
    /// ORDER BY keys.
    package var orderBy: [BoundSortKey]
    /// The frame aggregates and value functions read.
    package var frame: WindowFrame
    /// The result type.
    package var returnType: LogicalType
    /// The call as written, OVER clause included (the result column's name).
    package var text: String
    /// The call before OVER (`sum(x)`), for EXPLAIN.
    package var callText: String = ""
    /// An aggregate's `FILTER (WHERE ...)`: rows where it is not TRUE are left out of frames.
    package var filter: BoundExpression? = nil

    /// Every expression the function evaluates.
    package var expressions: [BoundExpression] { arguments + partitionBy + orderBy.map(\.expression) + (filter.map { [$0] } ?? []) }
}

/// What a window function computes per row.
package enum WindowFunctionKind: Sendable, Equatable {
    /// The row's position, rank with gaps, rank without gaps, (rank - 1) / (rows - 1), and
    /// (rows up to the last peer) / rows, within the partition.
    case rowNumber, rank, denseRank, percentRank, cumeDist
    /// ntile(n): the argument is the bucket count.
    case ntile
    /// lag/lead(x [, offset [, default]]): arguments are x, offset, default.
    case lag, lead
    /// The frame's first and last row's value.
    case firstValue, lastValue
    /// nth_value(x, n).
    case nthValue
    /// An aggregate over the frame (count, count(*), sum, avg, min, max).
    case aggregate(AggregateKind)
}

/// ROWS or RANGE between two bounds.
package struct WindowFrame: Sendable {
    /// RANGE (offsets in the order key's units, peers included) or ROWS.
    package var isRange: Bool
    /// Where the frame starts.
    package var start: WindowFrameBound
    /// Where the frame ends.
    package var end: WindowFrameBound

    /// DuckDB's default: with ORDER BY, from the partition's start to the current row's last
    /// peer; without, the whole partition (every row is a peer).
    static let standard = WindowFrame(isRange: true, start: .unboundedPreceding, end: .currentRow)

    /// The frame as SQL.
    var text: String {
        func t(_ b: WindowFrameBound) -> String {
            switch b {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .preceding(let v): return "\(v.explainedText) PRECEDING"
            case .currentRow: return "CURRENT ROW"
            case .following(let v): return "\(v.explainedText) FOLLOWING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            }
        }
        return "\(isRange ? "RANGE" : "ROWS") BETWEEN \(t(start)) AND \(t(end))"
    }
}

/// One edge of a frame; offsets are constants (a ROWS offset a row count, a RANGE offset a
/// number in the order key's type).
package enum WindowFrameBound: Sendable {
    /// The partition's first row.
    case unboundedPreceding
    /// Rows (ROWS) or key units (RANGE) before the current row.
    case preceding(ScalarValue)
    /// The current row (RANGE: its peer group's edge).
    case currentRow
    /// Rows or key units after the current row.
    case following(ScalarValue)
    /// The partition's last row.
    case unboundedFollowing
}

extension ScalarValue {
    /// A constant as EXPLAIN shows it.
    var explainedText: String {
        switch self {
        case .int(let v): return "\(v)"
        case .double(let d): return "\(d)"
        default: return "\(self)"
        }
    }
}

/// The window calls of one SELECT, gathered while its expressions bind: each becomes a
/// column after the window node's input columns.
final class WindowContext {
    /// Placeholder column numbers of window results until the input's width is known.
    static let placeholderBase = 1 << 40
    /// The named windows of the WINDOW clause.
    var named: [String: SyntaxWindow] = [:]
    /// The functions, in the order first seen.
    var functions: [BoundWindowFunction] = []
    /// Each function's identity (a call written twice is computed once).
    var canonical: [String] = []

    /// The placeholder column of `f` (added if new).
    func column(_ f: BoundWindowFunction, canonical key: String) -> Int {
        if let i = canonical.firstIndex(of: key) { return Self.placeholderBase + i }
        functions.append(f)
        canonical.append(key)
        return Self.placeholderBase + functions.count - 1
    }
}
