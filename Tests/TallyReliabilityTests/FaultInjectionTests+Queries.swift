import Foundation
import Testing
import Tally
import TallyTestSupport

/// Queries under injected read faults: every seam call a read-only store makes while it
/// opens and answers SQL (the manifest's stat and read, each part's open, footer, rollup,
/// dictionary and column reads) fails in turn. The query must throw a `StorageError`
/// naming the file the fault hit, the same query asked again must give the right answer
/// (nothing half-loaded is cached), and the store's files must be unchanged.
extension FaultInjectionTests {
    /// Statements that reach every kind of read: rollups (totals by project), row scans
    /// with dictionaries (a user's rows, by service and unit), and the run index.
    static let faultQueries = [
        "SELECT project_id, count(*), sum(cost_usd) FROM usage GROUP BY project_id ORDER BY project_id",
        "SELECT service, unit, count(*), sum(quantity) FROM usage WHERE user_id = 'forget-me' GROUP BY service, unit ORDER BY service, unit",
        "SELECT run_id, sum(cost_usd) FROM usage WHERE run_id IS NOT NULL GROUP BY run_id ORDER BY run_id LIMIT 5",
    ]

    /// Runs every statement of `faultQueries` on the store, as `tally query` does
    /// (`Store.read`: a fresh manifest, a rerun once if a writer removed a part).
    static func answerQueries(_ store: Store) throws -> [SQLResultTable] {
        try faultQueries.map { sql in
            let prepared = try SQLBinder.prepare(sql)
            return try store.read { try prepared.execute(on: $0, engine: QueryEngine()) }
        }
    }

    /// Every file under `path` with its bytes.
    static func fileBytes(under path: String) throws -> [String: Data] {
        var out = [String: Data]()
        for name in FaultSweep.tree(path) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
            if !isDirectory.boolValue { out[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)) }
        }
        return out
    }

    @Test func queryReadFaultsNameTheFileAndChangeNothing() throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-query")
        defer { dir.remove() }
        let path = dir.path + "/store"
        try PowerLossTests.makeBase(at: path)
        let expected = try Self.answerQueries(try Self.openForFaults(path, fileSystem: FileSystem(), readOnly: true))
        #expect(expected.allSatisfy { !$0.rows.isEmpty })
        let files = try Self.fileBytes(under: path)
        let figures = FaultSweep.run { injector, rule, context in
            let store: Store
            do {
                store = try Self.openForFaults(path, fileSystem: FileSystem(faults: injector), readOnly: true)
            } catch {
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                return true
            }
            do {
                let answers = try Self.answerQueries(store)
                #expect(answers == expected, "\(context): wrong answers without an error")
                return false
            } catch {
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                // The fault is used up: the same store answers right.
                let again = try Self.answerQueries(store)
                #expect(again == expected, "\(context): wrong answers after the fault")
                return true
            }
        }
        #expect(figures.faultsThrown > 0)
        #expect(try Self.fileBytes(under: path) == files, "a query changed the store's files")
        ReliabilityBudget.report("faults query: \(figures)")
    }
}
