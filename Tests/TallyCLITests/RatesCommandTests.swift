import Foundation
import Testing
import TallyTestSupport

/// `tally rates` through the real binary: show, save/load, seed, sync, set and reprice.
@Suite struct RatesCommandTests {
    static let header = "project_id,ts,service,unit,quantity,model_id,cost_usd\n"
    /// 2026-01-01T00:00:00Z.
    static let jan1: Int64 = 1_767_225_600_000

    static func newStore(_ dir: TemporaryDirectory) throws -> String {
        let store = dir.path + "/s", file = dir.path + "/seed.csv"
        try Data((header + "acme,\(jan1),anthropic,input_tokens,1,claude-sonnet-4-6,\n").utf8).write(to: URL(fileURLWithPath: file))
        #expect(try TallyProcess.run(["import", "--store", store, file]).status == 0)
        return store
    }

    @Test func showSaveLoadSeedSetAndSync() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.newStore(dir)
        let table = try TallyProcess.run(["rates", "show", "--store", store])
        #expect(table.status == 0)
        #expect(table.stdout.contains("claude-sonnet-4-6"))
        #expect(table.stdout.hasPrefix("service"))
        let json = try TallyProcess.run(["rates", "show", "--store", store, "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(parsed["format"] as? String == "tally-rate-card")
        let referenceCount = (parsed["rates"] as! [Any]).count

        let set = try TallyProcess.run([
            "rates", "set", "--store", store, "--service", "anthropic", "--rate-type", "input_tokens", "--model", "claude-sonnet-4-6",
            "--price-unit", "per_1M_tokens", "--cost", "3.5", "--effective-from", "2024-01-01",
        ])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.hasPrefix("replaced"))
        let saved = dir.path + "/card.json"
        #expect(try TallyProcess.run(["rates", "save", "--store", store, saved]).status == 0)
        let savedText = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(savedText.contains("\"cost_per_unit\": \"3.5\", \"is_active\": true, \"effective_from\": \"2024-01-01\", \"origin\": \"custom\""))

        let sync = try TallyProcess.run(["rates", "sync-missing", "--store", store])
        #expect(sync.stdout.contains("added 0, refreshed 0, kept customised 1, unchanged \(referenceCount - 1)"))

        #expect(try TallyProcess.run(["rates", "seed-defaults", "--store", store]).status == 0)
        #expect(!(try TallyProcess.run(["rates", "save", "--store", store, "-"]).stdout.contains("\"custom\"")))

        let load = try TallyProcess.run(["rates", "load", "--store", store, saved])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(try TallyProcess.run(["rates", "save", "--store", store, "-"]).stdout == savedText)
    }

    @Test func anInvalidCardIsRefusedAndTheOldOneKept() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.newStore(dir)
        let before = try TallyProcess.run(["rates", "save", "--store", store, "-"]).stdout
        let bad = dir.path + "/bad.json"
        try Data(before.replacingOccurrences(of: "\"cost_per_unit\": \"5\"", with: "\"cost_per_unit\": \"-5\"").utf8)
            .write(to: URL(fileURLWithPath: bad))
        let result = try TallyProcess.run(["rates", "load", "--store", store, bad])
        #expect(result.status == 1)
        #expect(result.stderr.contains("rates[0].cost_per_unit"))
        #expect(result.stderr.contains("not changed"))
        let duplicate = dir.path + "/dup.json"
        let firstRow = before.split(separator: "\n")[4]
        try Data(before.replacingOccurrences(of: String(firstRow), with: firstRow + "\n" + firstRow).utf8).write(to: URL(fileURLWithPath: duplicate))
        let dup = try TallyProcess.run(["rates", "load", "--store", store, duplicate])
        #expect(dup.status == 1)
        #expect(dup.stderr.contains("same service, rate type, model and effective date"))
        #expect(try TallyProcess.run(["rates", "save", "--store", store, "-"]).stdout == before)
        #expect(try TallyProcess.run(["rates", "set", "--store", store, "--service", "x", "--rate-type", "y", "--price-unit", "per_day",
                                      "--cost", "1", "--effective-from", "2026-01-01"]).status == 2)
    }

    @Test func repriceAppliesANewRateToARangeOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/month.csv"
        var text = Self.header
        for i in 0..<240 {  // ten days, hourly; every 10th row with its own cost
            let cost = i % 10 == 0 ? "0.5" : ""
            text += "acme,\(Self.jan1 + Int64(i) * 3_600_000),anthropic,input_tokens,1000000,claude-sonnet-4-6,\(cost)\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        #expect(try TallyProcess.run(["import", "--store", store, file]).status == 0)
        #expect(try TallyProcess.run([
            "rates", "set", "--store", store, "--service", "anthropic", "--rate-type", "input_tokens", "--model", "claude-sonnet-4-6",
            "--price-unit", "per_1M_tokens", "--cost", "4", "--effective-from", "2026-01-01",
        ]).status == 0)
        let reprice = try TallyProcess.run(["rates", "reprice", "--store", store, "--from", "2026-01-04", "--to", "2026-01-05"])
        #expect(reprice.status == 0, "\(reprice.stderr)")
        // Days 4-5: rows 72..119, of which 80, 90, 100 and 110 carry their own cost.
        #expect(reprice.stdout.contains("44 changed"))
        #expect(reprice.stdout.contains("4 with their own cost kept"))
        #expect(reprice.stdout.contains("cost change 44.000000000 USD"))
        let out = try TallyProcess.run(["export", "--store", store, "--format", "jsonl"])
        let rows = out.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(rows.count == 240)
        for r in rows {
            let ts = (r["ts"] as! NSNumber).int64Value
            let i = Int((ts - Self.jan1) / 3_600_000)
            let cost = r["cost_usd"] as? String ?? "\(r["cost_usd"]!)"
            let expected = i % 10 == 0 ? "0.5" : (72..<120).contains(i) ? "4" : "3"
            #expect(Double(cost) == Double(expected), "row \(i): \(cost)")
        }
        #expect(try TallyProcess.run(["verify", "--store", store]).status == 0)
    }
}
