/// A table whose rows come from outside the usage table, as one materialized chunk: a local
/// file in FROM (`read_csv`, `read_parquet`, `FROM 'file.csv'`), read once when the
/// statement is bound (its columns' names and types come from the file), or one of the
/// store's side tables (`rates`, `daily_stats`, `counters`), read once per run from the
/// store the statement runs on.
package struct TableNode: Sendable {
    /// Where the rows come from.
    package enum Source: Sendable {
        /// A file's rows, already read: `function` is `read_csv` or `read_parquet`.
        case file(function: String, path: String, rows: DataChunk)
        /// A side table of the store, read when the plan runs.
        case side(SideTable)
    }

    /// Where the rows come from.
    package var source: Source
    /// The column names, as the file or the side table's schema has them.
    package var names: [String]
    /// The column types.
    package var types: [LogicalType]
    /// Where the query names it, for errors found when it runs.
    package var range: SourceRange

    /// EXPLAIN's one line.
    package var label: String {
        switch source {
        case .file(let function, let path, let rows):
            return "\(function.uppercased()) '\(path)' (\(rows.count) row\(rows.count == 1 ? "" : "s")) [\(names.joined(separator: ", "))]"
        case .side(let table):
            return "SIDE_TABLE \(table.rawValue) [\(names.joined(separator: ", "))]"
        }
    }
}
