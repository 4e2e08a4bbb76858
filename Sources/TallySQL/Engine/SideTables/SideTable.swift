import TallyPricing

/// The store's tables beside usage, queryable by name in SQL: the rate card and the
/// activity log. Their schemas are fixed (docs/sql.md, "Side tables"); their rows come
/// from a `SideTableSource` when a statement runs.
package enum SideTable: String, Sendable, CaseIterable {
    /// The rate card: one row per rate (`RatesTable`).
    case rates
    /// The activity log per project and UTC day (`ActivityTables.dailyStats`).
    case dailyStats = "daily_stats"
    /// The activity log's lifetime counters per project (`ActivityTables.counters`).
    case counters

    /// The side table called `name` (lower-cased), if any.
    package init?(named name: String) { self.init(rawValue: name) }

    /// Its columns, in order.
    package var columns: [(name: String, type: LogicalType)] {
        switch self {
        case .rates: return RatesTable.columns
        case .dailyStats: return ActivityTables.dailyStatsColumns
        case .counters: return ActivityTables.countersColumns
        }
    }

    /// One line for `.tables` and `.help`: what a row is.
    package var summary: String {
        switch self {
        case .rates: return "the rate card, one row per rate"
        case .dailyStats: return "the activity log per project and UTC day"
        case .counters: return "the activity log's lifetime counters per project"
        }
    }
}

/// Where the side tables' rows come from when a statement runs: the store's rate card and
/// activity log (the `Tally` module implements it over a store folder). A statement that
/// reads no side table never asks.
package protocol SideTableSource: Sendable {
    /// The rows of `table`, its schema's columns in order.
    func rows(of table: SideTable) throws -> DataChunk
}
