extension Database {
    /// Runs one SQL statement (Tally's dialect of DuckDB's SQL, over the table `usage`)
    /// on a snapshot of the database.
    ///
    /// - Throws: `SQLError` naming what is wrong and where in the text (render it with
    ///   `error.rendered(query:)` for a caret under the spot), or the storage error that
    ///   stopped the scan.
    public func query(_ sql: String) throws -> ResultSet {
        let prepared = try SQLBinder.prepare(sql)
        let table = try prepared.execute(on: store.snapshot(), engine: QueryEngine(options: configuration.executionOptions))
        return ResultSet(table)
    }
}
