import Foundation

/// The side tables one run has read: each is asked of the source once, however often the
/// statement reads it (a self-join of `rates`, a correlated subquery over `counters`).
final class SideTableRows: @unchecked Sendable {
    private let source: (any SideTableSource)?
    private let lock = NSLock()
    private var read: [SideTable: DataChunk] = [:]

    init(_ source: (any SideTableSource)?) { self.source = source }

    /// `table`'s rows.
    /// - Throws: `SQLError` when the statement runs without a store to read side tables
    ///   from (a bare snapshot), or the source's error.
    func rows(of table: SideTable, at range: SourceRange) throws -> DataChunk {
        lock.lock()
        defer { lock.unlock() }
        if let rows = read[table] { return rows }
        guard let source else {
            throw SQLError(.unsupported, "the side table \(table.rawValue) is not available here: the statement runs on usage alone",
                           at: range,
                           hint: "run it through tally query, the REPL or Database.query, which read the store's rate card and activity log")
        }
        let rows = try source.rows(of: table)
        read[table] = rows
        return rows
    }
}
