extension Database {
    /// Runs one SQL statement (Tally's dialect of DuckDB's SQL, over the table `usage`,
    /// the side tables `rates`, `daily_stats` and `counters`, and local files through
    /// `read_csv` / `read_parquet`)
    /// on a snapshot of the database (opened read-only: the newest state a writer process
    /// has committed).
    ///
    /// `read_csv` and `read_parquet` read any local file the process may read: a host that
    /// passes SQL from people it does not trust with its files must not pass it here.
    ///
    /// - Throws: `SQLError` naming what is wrong and where in the text (render it with
    ///   `error.rendered(query:)` for a caret under the spot), or the storage error that
    ///   stopped the scan.
    ///
    /// `cancellation`, when given, lets another thread stop the query: it then throws
    /// `ExecutionError.cancelled`. Sorts and hash joins that outgrow the memory limit
    /// (80% of physical memory) spill to the system's temporary folder (see docs/sql.md, "Memory and cancellation").
    public func query(_ sql: String, cancellation: QueryCancellation? = nil) throws -> ResultSet {
        let prepared = try SQLQuery.prepare(sql)
        // A read-only database answers from the newest commit of any writer process.
        let engine = QueryEngine(options: configuration.executionOptions)
        let sideTables = StoreSideTables(database: self)
        let isCancelled: () -> Bool = cancellation.map { c in { c.isCancelled } } ?? { false }
        let table = try store.read { try prepared.execute(on: $0, engine: engine, sideTables: sideTables, isCancelled: isCancelled) }
        return ResultSet(table)
    }
}
