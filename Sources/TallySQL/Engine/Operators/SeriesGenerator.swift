import TallyExecution

/// Makes the rows of a `SeriesNode`: the bounds are evaluated on one empty row, then the
/// values are stepped from start as DuckDB steps them (a timestamp adds the interval to the
/// previous value, so months clamp once and stay clamped: Jan 31, Feb 28, Mar 28).
enum SeriesGenerator {
    /// At most this many rows: a series is held in memory, and a step far smaller than its
    /// span is more likely a mistake than a table anyone wants.
    static let maxRows = 10_000_000

    static func rows(_ node: SeriesNode, isCancelled: () -> Bool = { false }) throws -> DataChunk {
        let one = DataChunk(columns: [], count: 1)
        let start = try ExpressionEvaluator.evaluate(node.start, one).value(0)
        let stop = try ExpressionEvaluator.evaluate(node.stop, one).value(0)
        let step = try ExpressionEvaluator.evaluate(node.step, one).value(0)
        let values = try series(start, stop, step, inclusive: node.inclusive, function: node.function, at: node.range,
                                isCancelled: isCancelled)
        if isCancelled() { throw ExecutionError.cancelled }
        let column = ColumnVector.build(type: node.type, count: values.count) { values[$0] }
        return DataChunk(columns: [column], count: values.count)
    }

    /// The values from start by step to stop (BIGINTs, or TIMESTAMPs by an INTERVAL); none
    /// when an argument is NULL.
    static func series(_ start: ScalarValue, _ stop: ScalarValue, _ step: ScalarValue, inclusive: Bool, function: String,
                       at range: SourceRange, isCancelled: () -> Bool = { false }) throws(SQLError) -> [ScalarValue] {
        var values: [ScalarValue] = []
        // A cancelled series stops short; `rows` then reports the cancellation.
        func stopped() -> Bool { values.count & 0xFFFF == 0xFFFF && isCancelled() }
        switch (start, stop, step) {
        case (.int(let a), .int(let b), .int(let s)):
            guard s != 0 else { throw SQLError(.invalidArgument, "interval cannot be 0!", at: range) }
            var v = a
            while s > 0 ? (inclusive ? v <= b : v < b) : (inclusive ? v >= b : v > b) {
                if stopped() { break }
                try append(.int(v), &values, function, range)
                v += s
            }
        case (.timestamp(let a), .timestamp(let b), .interval(let s)):
            let zero = Interval()
            guard s != zero else { throw SQLError(.invalidArgument, "interval cannot be 0!", at: range) }
            let ascending = s > zero
            var v = a
            while ascending ? (inclusive ? v <= b : v < b) : (inclusive ? v >= b : v > b) {
                if stopped() { break }
                try append(.timestamp(v), &values, function, range)
                guard let next = TemporalArithmetic.add(v, s) else { break }
                v = next
            }
        default:
            break  // a NULL bound or step: no rows, as DuckDB
        }
        return values
    }

    static func append(_ v: ScalarValue, _ values: inout [ScalarValue], _ function: String, _ range: SourceRange) throws(SQLError) {
        guard values.count < maxRows else {
            throw SQLError(.invalidArgument, "\(function)() would make more than \(maxRows) values", at: range,
                           hint: "use a larger step or a shorter span")
        }
        values.append(v)
    }
}
