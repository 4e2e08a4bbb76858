/// Makes the rows of a `SeriesNode`: the bounds are evaluated on one empty row, then the
/// values are stepped from start as DuckDB steps them (a timestamp adds the interval to the
/// previous value, so months clamp once and stay clamped: Jan 31, Feb 28, Mar 28).
enum SeriesGenerator {
    /// At most this many rows: a series is held in memory, and a step far smaller than its
    /// span is more likely a mistake than a table anyone wants.
    static let maxRows = 10_000_000

    static func rows(_ node: SeriesNode) throws(SQLError) -> DataChunk {
        let one = DataChunk(columns: [], count: 1)
        let start = try ExpressionEvaluator.evaluate(node.start, one).value(0)
        let stop = try ExpressionEvaluator.evaluate(node.stop, one).value(0)
        let step = try ExpressionEvaluator.evaluate(node.step, one).value(0)
        var values: [ScalarValue] = []
        switch (start, stop, step) {
        case (.int(let a), .int(let b), .int(let s)):
            guard s != 0 else { throw SQLError(.invalidArgument, "interval cannot be 0!", at: node.range) }
            var v = a
            while s > 0 ? (node.inclusive ? v <= b : v < b) : (node.inclusive ? v >= b : v > b) {
                try append(.int(v), &values, node)
                v += s
            }
        case (.timestamp(let a), .timestamp(let b), .interval(let s)):
            let zero = Interval()
            guard s != zero else { throw SQLError(.invalidArgument, "interval cannot be 0!", at: node.range) }
            let ascending = s > zero
            var v = a
            while ascending ? (node.inclusive ? v <= b : v < b) : (node.inclusive ? v >= b : v > b) {
                try append(.timestamp(v), &values, node)
                guard let next = TemporalArithmetic.add(v, s) else { break }
                v = next
            }
        default:
            break  // a NULL bound or step: no rows, as DuckDB
        }
        let column = ColumnVector.build(type: node.type, count: values.count) { values[$0] }
        return DataChunk(columns: [column], count: values.count)
    }

    static func append(_ v: ScalarValue, _ values: inout [ScalarValue], _ node: SeriesNode) throws(SQLError) {
        guard values.count < maxRows else {
            throw SQLError(.invalidArgument, "\(node.function)() would make more than \(maxRows) rows", at: node.range,
                           hint: "use a larger step or a shorter span")
        }
        values.append(v)
    }
}
