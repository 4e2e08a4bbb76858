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
    public func query(_ sql: String) throws -> ResultSet {
        let prepared = try SQLQuery.prepare(sql)
        // A read-only database answers from the newest commit of any writer process.
        let engine = QueryEngine(options: configuration.executionOptions)
        let sideTables = StoreSideTables(database: self)
        let table = try store.read { try prepared.execute(on: $0, engine: engine, sideTables: sideTables) }
        return ResultSet(table)
    }
}
