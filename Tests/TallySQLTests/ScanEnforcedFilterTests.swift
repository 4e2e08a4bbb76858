import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// Filters on project_id and date that the scan's pruning enforces are not checked again
/// per row (`Optimizer.residual`); the others still are. Random conjunctions of project,
/// date and instant comparisons (both operand orders, at and beside the data's days), run
/// on the operators, against a brute-force filter of the same records.
@Suite struct ScanEnforcedFilterTests {
    static let records = RandomRecords.make(count: 3000, seed: 31, days: 60)

    static func dayText(_ day: Int64) -> String {
        let d = Date(timeIntervalSince1970: Double(day) * 86_400)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }

    @Test func conjunctionsOfProjectDateAndInstantMatchBruteForce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        try store.append(contentsOf: Self.records)
        try store.flush()
        let projects = Array(Set(Self.records.map(\.projectId))).sorted()
        let days = Self.records.map { $0.ts / 86_400_000 }
        let (first, last) = (days.min()!, days.max()!)
        var g = SeededGenerator(seed: 5)
        let ops: [(String, (Int64, Int64) -> Bool)] = [("<", { $0 < $1 }), ("<=", { $0 <= $1 }), (">", { $0 > $1 }), (">=", { $0 >= $1 }), ("=", { $0 == $1 })]
        let mirror = ["<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="]
        var nonEmpty = 0
        for round in 0..<150 {
            var sqlParts: [String] = []
            var tests: [(UsageRecord) -> Bool] = []
            if Bool.random(using: &g) {
                let p = projects.randomElement(using: &g)!
                sqlParts.append(Bool.random(using: &g) ? "project_id = '\(p)'" : "'\(p)' = project_id")
                tests.append { $0.projectId == p }
            }
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let (op, holds) = ops.randomElement(using: &g)!
                let flipped = Bool.random(using: &g)
                if Int.random(in: 0..<3, using: &g) == 0 {
                    // An instant inside a day: it narrows the scan's days but does not fill them.
                    let ms = Int64.random(in: first...last, using: &g) * 86_400_000 + Int64.random(in: 0..<86_400_000, using: &g)
                    let text = "TIMESTAMP '\(Self.dayText(ms / 86_400_000)) \(String(format: "%02d:%02d:%02d", ms / 3_600_000 % 24, ms / 60_000 % 60, ms / 1000 % 60))'"
                    let exact = ms / 1000 * 1000
                    sqlParts.append(flipped ? "\(text) \(mirror[op]!) ts" : "ts \(op) \(text)")
                    tests.append { holds($0.ts, exact) }
                } else {
                    let day = Int64.random(in: (first - 2)...(last + 2), using: &g)
                    let text = "DATE '\(Self.dayText(day))'"
                    sqlParts.append(flipped ? "\(text) \(mirror[op]!) date" : "date \(op) \(text)")
                    tests.append { holds($0.ts / 86_400_000, day) }
                }
            }
            let sql = "SELECT count(*), sum(cost_usd) FROM usage WHERE " + sqlParts.joined(separator: " AND ")
            let kept = Self.records.filter { r in tests.allSatisfy { $0(r) } }
            let cost = kept.reduce(Int128(0)) { $0 + Int128($1.costNanos ?? 0) }
            let t = try SQLQuery.prepare(sql, rollupRule: false).execute(on: store.snapshot())
            #expect(t.rows == [[.int(Int128(kept.count)), kept.isEmpty ? .null : .money(cost)]], "round \(round): \(sql)")
            if !kept.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 40, "most conjunctions must select something")
    }
}
