import Foundation
import TallyFormat
import TallyStore

/// The store the `sql-run` target runs statements on: 24 rows in two parts, small enough that
/// any statement the engine accepts runs in microseconds, varied enough (two projects,
/// three months, nulls, a huge cost, unicode, a zero quantity) that filters, groups and
/// casts take more than one path.
final class SQLFuzzStore {
    let store: Store?

    /// Opens (creating) the store in `folder`; `nil` store if that fails, and then
    /// `sql-run` only binds.
    init(folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
        store = try? Store.open(at: folder)
        guard let store else { return }
        let start = Int64(CivilDate.dayNumber(year: 2025, month: 1, day: 30)) * CivilDate.millisecondsPerDay
        let services = ["anthropic", "openai", "e2b"], units = ["input_tokens", "output_tokens", "sandbox_seconds"]
        var rows = [UsageRecord]()
        for i in 0..<24 {
            var r = UsageRecord(
                projectId: i % 3 == 0 ? "ünï \(i % 2)" : "project-\(i % 2)",
                ts: start + Int64(i) * 3 * CivilDate.millisecondsPerDay + Int64(i) * 3_601_001,
                service: services[i % 3], unit: units[(i / 3) % 3],
                quantity: [0, 1, 1e15, 0.5, 123_456][i % 5],
                costNanos: i % 4 == 0 ? nil : [1, Int64.max / 4, 1_000_000_000][i % 3])
            r.runId = i % 2 == 0 ? "run-\(i % 5)" : nil
            r.userId = i % 3 == 0 ? nil : "user-\(i % 4)"
            r.modelId = i % 5 == 0 ? "claude-sonnet-4-6" : nil
            r.stepIndex = i % 6 == 0 ? nil : Int32(i)
            r.durationMs = i % 7 == 0 ? nil : Int64(i) * 1000
            rows.append(r)
        }
        do {
            try store.append(contentsOf: Array(rows[..<12]))
            try store.flush()
            try store.append(contentsOf: Array(rows[12...]))
            try store.flush()
        } catch {
            return
        }
    }

    deinit { try? store?.close() }
}
