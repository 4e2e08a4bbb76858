import Foundation
import Tally
import TallyExecution
import TallyTestSupport
import Testing
@testable import TallySQL

/// ORDER BY past its memory budget: the external sort (sorted runs spilled to files and
/// merged) must give exactly the rows of the in-memory sort, in the same order (both are
/// stable), for any input and any budget, and leave no file behind however the statement
/// ends. DuckDB's answers under a small memory_limit are checked by the engine cases
/// (spill_*.sql in Tests/TallyCLITests/SQLDifferential/engine-cases).
@Suite struct SpillingSortTests {
    /// Random chunks of a BIGINT (with NULLs and many ties), a VARCHAR, a DOUBLE and a list.
    static func randomChunks(_ g: inout SeededGenerator, rows: Int) -> [DataChunk] {
        var out: [DataChunk] = []
        var left = rows
        while left > 0 {
            let n = min(left, Int(g.next() % 700) + 1)
            left -= n
            let ints = ColumnVector.build(type: .bigint, count: n) { _ in g.next() % 9 == 0 ? .null : .int(Int128(g.next() % 50)) }
            let strings = ColumnVector.build(type: .varchar, count: n) { _ in
                g.next() % 11 == 0 ? .null : .string(String(repeating: "ab", count: Int(g.next() % 12)) + "\(g.next() % 300)")
            }
            let doubles = ColumnVector.build(type: .double, count: n) { _ in .double(Double(Int(g.next() % 2000) - 1000) / 7) }
            let lists = ColumnVector.build(type: .list(.bigint), count: n) { _ in .list([.int(Int128(g.next() % 5)), .null]) }
            out.append(DataChunk(columns: [ints, strings, doubles, lists], count: n))
        }
        return out
    }

    static func rows(_ chunks: [DataChunk]) -> [[ScalarValue]] {
        chunks.flatMap { c in (0..<c.count).map { i in c.columns.map { $0.value(i) } } }
    }

    @Test func spilledSortsEqualTheInMemorySortForRandomInputsAndBudgets() throws {
        var g = SeededGenerator(seed: 42)
        let types: [LogicalType] = [.bigint, .varchar, .double, .list(.bigint)]
        var spilledCases = 0
        for trial in 0..<40 {
            let chunks = Self.randomChunks(&g, rows: Int(g.next() % 6000))
            var keys: [BoundSortKey] = []
            for _ in 0..<(1 + Int(g.next() % 3)) {
                let c = Int(g.next() % 3)
                keys.append(BoundSortKey(expression: .column(c, types[c], name: "c\(c)"), descending: g.next() % 2 == 0, nullsFirst: g.next() % 2 == 0))
            }
            let limit: Int? = g.next() % 4 == 0 ? Int(g.next() % 500) : nil
            let budget = [1, 1 << 10, 20 << 10, 200 << 10, 1 << 30][Int(g.next() % 5)]
            let memory = StatementMemory(limit: budget)
            let sort = ExternalSort(keys: keys, memory: memory, isCancelled: { false })
            for c in chunks { try sort.add(c) }
            let spilled = sort.hasSpilled
            let external = try sort.finish(limit: limit)
            let inMemory = try Sorter.sort(chunks, keys: keys, limit: limit)
            #expect(Self.rows(external) == Self.rows(inMemory), "trial \(trial): budget \(budget), limit \(String(describing: limit))")
            #expect(memory.budget.reservedBytes == 0, "the sort gave its memory back")
            if let folder = memory.spill.path {
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "the merge removed its runs")
            }
            if spilled { spilledCases += 1 }
            memory.spill.removeAll()
        }
        #expect(spilledCases >= 10, "tiny budgets must make most trials spill (\(spilledCases) did)")
    }

    static let queries = [
        "SELECT * FROM usage ORDER BY cost_usd DESC, ts, user_id",
        "SELECT s, ts FROM (SELECT service AS s, ts FROM usage UNION ALL SELECT unit, ts FROM usage) ORDER BY ts DESC, s NULLS FIRST LIMIT 700 OFFSET 11",
        "SELECT service, unit, ts FROM usage WHERE quantity > 10 ORDER BY unit, ts DESC",
        "SELECT x, y FROM (SELECT service AS x, count(*) AS y FROM usage GROUP BY 1 UNION ALL SELECT unit, 1 FROM usage) ORDER BY y DESC, x",
        "SELECT a.user_id, b.ts FROM (SELECT user_id FROM usage LIMIT 400) a, (SELECT ts FROM usage LIMIT 60) b ORDER BY b.ts, a.user_id",
    ]

    /// A store of `count` random records in a temporary folder.
    static func makeStore(count: Int = 20_000, seed: UInt64 = 41) throws -> (TemporaryDirectory, Store) {
        let dir = try TemporaryDirectory()
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: RandomRecords.make(count: count, seed: seed))
        try store.flush()
        return (dir, store)
    }

    @Test(arguments: queries)
    func aQueryUnderATinyMemoryLimitAnswersAsWithoutOne(_ sql: String) throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let temp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let q = try SQLQuery.prepare(sql)
        let unlimited = try q.execute(on: store.snapshot())
        let memory = StatementMemory(limit: 256 << 10, tempDirectory: temp)
        let limited = try q.execute(on: store.snapshot(), memory: memory)
        #expect(memory.spilledBytes > 0, "a 256 KB limit must make the sort spill")
        #expect(limited.rows == unlimited.rows)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).isEmpty, "spill files removed after success")
    }

    @Test func aFailingStatementLeavesNoSpillFiles() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let temp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        // The cast fails on the sorted rows, after the sort has spilled.
        let q = try SQLQuery.prepare("SELECT CAST(project_id AS INTEGER) FROM (SELECT project_id FROM usage ORDER BY ts) t")
        let memory = StatementMemory(limit: 16 << 10, tempDirectory: temp)
        #expect(throws: SQLError.self) { _ = try q.execute(on: store.snapshot(), memory: memory) }
        #expect(memory.spilledBytes > 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).isEmpty, "spill files removed after a failure")
    }

    @Test func anUnwritableTempDirectoryIsReportedWithWhatToDo() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let q = try SQLQuery.prepare("SELECT * FROM usage ORDER BY ts")
        let memory = StatementMemory(limit: 16 << 10, tempDirectory: dir.path + "/no/such/folder")
        do {
            _ = try q.execute(on: store.snapshot(), memory: memory)
            Issue.record("the sort cannot spill into a missing folder")
        } catch let e as SpillError {
            #expect(e.description.contains("memory_limit") && e.description.contains("temp_directory") && e.description.contains("/no/such/folder"), "\(e)")
        }
    }

    @Test func setMemoryLimitAndTempDirectoryChangeTheSession() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let session = SQLSession()
        _ = try SQLQuery.prepare("SET memory_limit = '64KB'").execute(on: store.snapshot(), session: session)
        _ = try SQLQuery.prepare("SET temp_directory = '\(dir.path)'").execute(on: store.snapshot(), session: session)
        #expect(session.memoryLimit == 64_000)
        #expect(session.tempDirectory == dir.path)
        #expect(session.statementMemory().budget.limit == 64_000)
        _ = try SQLQuery.prepare("RESET memory_limit").execute(on: store.snapshot(), session: session)
        #expect(session.memoryLimit == nil)
        #expect(session.statementMemory().budget.limit == MemoryBudget.defaultLimit)
        #expect(throws: SQLError.self) { _ = try SQLQuery.prepare("SET memory_limit = 'lots'") }
        #expect(MemorySize.parse("2GB") == 2_000_000_000)
        #expect(MemorySize.parse("1.5 GiB") == 1_610_612_736)
        #expect(MemorySize.parse("512mb") == 512_000_000)
        #expect(MemorySize.parse("100") == 100)
        #expect(MemorySize.parse("-1GB") == nil)
        #expect(MemorySize.format(2_000_000_000) == "1.9 GiB")
    }
}
