import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// The file table functions and side tables in statements: their arguments, their errors
/// (with a caret at the call or the argument) and their EXPLAIN lines.
@Suite struct FileTableBindingTests {
    static func error(_ sql: String) -> SQLError? { RelationalQueryTests.prepareError(sql) }
    static func pointed(_ sql: String, _ e: SQLError) -> String { RelationalQueryTests.pointed(sql, e) }

    @Test(arguments: [
        ("SELECT * FROM read_csv(1)", "1", "named by a string"),
        ("SELECT * FROM read_csv()", "read_csv()", "needs the file's path"),
        ("SELECT * FROM read_csv(delim = ',')", "read_csv(delim = ',')", "needs the file's path"),
        ("SELECT * FROM read_csv('t.csv', ',')", "','", "named parameters"),
        ("SELECT * FROM read_csv('t.csv', bogus = 1)", "bogus = 1", "parameter bogus"),
        ("SELECT * FROM read_csv('t.csv', delim = ',,')", "delim = ',,'", "one character"),
        ("SELECT * FROM read_csv('t.csv', header = 'yes')", "header = 'yes'", "true or false"),
        ("SELECT * FROM read_csv('t.csv', types = {'a': 'WIDGET'})", "types = {'a': 'WIDGET'}", "'WIDGET' is not a type"),
        ("SELECT * FROM read_parquet('t.parquet', delim = ',')", "delim = ','", "no parameter delim"),
        ("SELECT * FROM 'notes.json'", "'notes.json'", "reading 'notes.json'"),
        ("SELECT * FROM read_csv('/nonexistent/teams.csv')", "read_csv('/nonexistent/teams.csv')", "no file /nonexistent/teams.csv"),
    ])
    func refusedWithACaret(_ sql: String, _ token: String, _ words: String) throws {
        let e = try #require(Self.error(sql), "\(sql) must fail")
        #expect(Self.pointed(sql, e) == token, "\(sql): \(e)")
        #expect(e.message.contains(words), "\(sql): \(e.message)")
    }

    @Test func aBadValueIsReportedAtTheCallWithTheFileLineAndColumn() throws {
        let dir = try TemporaryDirectory(prefix: "read-csv")
        defer { dir.remove() }
        let path = dir.path + "/teams.csv"
        try Data("user_id,weight\nu1,1\nu2,heavy\n".utf8).write(to: URL(fileURLWithPath: path))
        let sql = "SELECT * FROM read_csv('\(path)', types = {'weight': 'BIGINT'}) t"
        let e = try #require(Self.error(sql))
        #expect(e.message == "\(path), line 3, column weight: 'heavy' is not a BIGINT")
        #expect(Self.pointed(sql, e).hasPrefix("read_csv("))
    }

    @Test func explainNamesTheFileAndTheSideTable() throws {
        let dir = try TemporaryDirectory(prefix: "read-csv")
        defer { dir.remove() }
        let path = dir.path + "/teams.csv"
        try Data("service,team\nanthropic,a\n".utf8).write(to: URL(fileURLWithPath: path))
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        let plan = try SQLQuery.prepare("EXPLAIN SELECT * FROM read_csv('\(path)') t JOIN rates r USING (service)").execute(on: store.snapshot())
        let text = plan.rows[0][1].plainText
        #expect(text.contains("READ_CSV '\(path)' (1 row) [service, team]"), "\(text)")
        #expect(text.contains("SIDE_TABLE rates [service, unit, model_id,"), "\(text)")
    }

    @Test func aSideTableNeedsAStoreToReadFrom() throws {
        let dir = try TemporaryDirectory(prefix: "side")
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        let q = try SQLQuery.prepare("SELECT count(*) FROM counters")
        #expect(throws: SQLError.self) { try q.execute(on: store.snapshot()) }
        let rows = try q.execute(on: store.snapshot(), sideTables: StoreSideTables(store: store))
        #expect(rows.rows.map { $0.map(\.plainText) } == [["0"]], "a store without activity has no counters")
        let rates = try SQLQuery.prepare("SELECT count(*) FROM rates").execute(on: store.snapshot(), sideTables: StoreSideTables(store: store))
        #expect(rates.rows[0][0].plainText == String(RateCard.reference.rows.count), "a store without a card of its own has the reference card")
    }

    @Test func aWithNameShadowsASideTable() throws {
        let dir = try TemporaryDirectory(prefix: "side")
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        let rows = try SQLQuery.prepare("WITH rates AS (SELECT 1 AS x) SELECT x FROM rates").execute(on: store.snapshot())
        #expect(rows.rows.map { $0.map(\.plainText) } == [["1"]])
    }
}
