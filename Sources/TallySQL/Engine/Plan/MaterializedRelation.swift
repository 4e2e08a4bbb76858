/// A query's result read like a table: a common table expression or a derived table
/// (`FROM (SELECT ...) t`). The executor computes it once per run into column vectors
/// (the "collected result") and the outer query scans those with the same operators as
/// usage's rows. A CTE referenced several times is one object, so it is computed once.
/// A relation that only filters and computes columns of usage is not collected: its
/// steps join the outer query's pipeline over the scan (reading it again is one more
/// parallel scan, and nothing is held in memory).
package final class MaterializedRelation: Sendable {
    /// What the relation came from, for EXPLAIN.
    package enum Origin: String, Sendable {
        case commonTable = "CTE_SCAN"
        case derivedTable = "SUBQUERY_SCAN"
    }

    /// Where it came from.
    package let origin: Origin
    /// Its name in the query (the CTE's name, the derived table's alias).
    package let name: String
    /// The plan producing its rows.
    package let plan: LogicalPlan
    /// Its column names, after any `name(a, b)` aliases.
    package let columnNames: [String]

    /// A relation of `plan`'s rows.
    package init(origin: Origin, name: String, plan: LogicalPlan, columnNames: [String]) {
        self.origin = origin
        self.name = name
        self.plan = plan
        self.columnNames = columnNames
    }

    /// Its column types.
    package var types: [LogicalType] { plan.types }
}
