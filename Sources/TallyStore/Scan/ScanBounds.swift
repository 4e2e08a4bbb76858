import TallyFormat

/// What a scan can prune on before it decodes a row: the days, the instants, ranges of
/// quantity and cost, and predicates on integer columns, checked against part footers,
/// the per-day row index, row-group statistics and the run index.
///
/// The bounds are necessary, not sufficient: a part or row group they keep may still hold
/// rows that fail them (the caller filters rows); one they drop holds none that pass.
package struct ScanBounds: Sendable {
    /// UTC days (nil = every day).
    package var days: ClosedRange<Int32>?
    /// Instants, ms since 1970.
    package var ts: ClosedRange<Int64> = Int64.min...Int64.max
    /// Quantities.
    package var quantity: ClosedRange<Double> = -Double.infinity...Double.infinity
    /// Costs, nano-USD.
    package var cost: ClosedRange<Int64> = Int64.min...Int64.max
    /// Predicates on integer columns (step index, duration, parser version).
    package var integers: [(column: Column, predicate: IntegerPredicate)] = []

    /// No bounds: everything may match.
    package init() {}

    /// Whether `ts` bounds anything.
    package var hasTs: Bool { ts != Int64.min...Int64.max }
    /// Whether `quantity` bounds anything.
    package var hasQuantity: Bool { quantity.lowerBound > -Double.infinity || quantity.upperBound < Double.infinity }
    /// Whether `cost` bounds anything.
    package var hasCost: Bool { cost != Int64.min...Int64.max }

    /// The day window as instants, from the start of its first day to the end of its
    /// last (nil when no days are named): rollup cells carry their hour's or day's start,
    /// so a window of whole days selects them by start time.
    package var dayInstants: ClosedRange<Int64>? {
        days.map { Int64($0.lowerBound) * CivilDate.millisecondsPerDay...(Int64($0.upperBound) + 1) * CivilDate.millisecondsPerDay - 1 }
    }
}

/// A predicate on an integer column that row-group statistics can rule out.
package enum IntegerPredicate: Sendable, Hashable {
    /// The value is NULL.
    case isNull
    /// The value is not NULL.
    case isNotNull
    /// The value is one of these.
    case oneOf([Int64])
}
