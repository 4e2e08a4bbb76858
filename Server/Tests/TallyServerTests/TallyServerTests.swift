import Foundation
import Testing
import Tally
@testable import TallyServer

/// The real `tally-server` over HTTP on loopback.
@Suite(.serialized) struct TallyServerTests {
    static let ts: Int64 = 1_790_000_000_000  // 2026-09-21
    static func record(_ unit: String, _ quantity: Double, run: String = "r1", cost: String? = nil, extra: String = "") -> String {
        "{\"ts\":\(ts),\"service\":\"anthropic\",\"unit\":\"\(unit)\",\"quantity\":\(quantity),\"model_id\":\"claude-sonnet-4-6\",\"run_id\":\"\(run)\""
            + (cost.map { ",\"cost_usd\":\"\($0)\"" } ?? "") + extra + "}"
    }

    /// A store folder with a server on it (the store exists once the server opened it).
    static func start(_ arguments: [String] = []) throws -> (ScratchFolder, ServerProcess) {
        let dir = try ScratchFolder()
        return (dir, try ServerProcess(store: dir.path + "/store", arguments: arguments))
    }

    @Test func keysAreScopedToOneProject() async throws {
        let (dir, server) = try Self.start()
        defer { dir.remove() }
        let a = try server.createKey(project: "a")
        let b = try server.createKey(project: "b")
        let summary = "/v1/projects/a/usage/summary"
        #expect(try await server.request("GET", summary).status == 401)
        #expect(try await server.request("GET", summary, key: "tly_000000000000_nope").status == 401)
        #expect(try await server.request("GET", summary, key: a).status == 200)
        let crossRead = try await server.request("GET", summary, key: b)
        #expect(crossRead.status == 403)
        #expect((crossRead.json["error"] as? [String: Any])?["code"] as? String == "forbidden")
        let crossWrite = try await server.request("POST", "/v1/projects/a/usage", key: b, body: Self.record("input_tokens", 5))
        #expect(crossWrite.status == 403)
        // A body naming another project than the path's is refused too.
        let smuggled = try await server.request("POST", "/v1/projects/b/usage", key: b, body: Self.record("input_tokens", 5, extra: ",\"project_id\":\"a\""))
        #expect(smuggled.status == 403 && smuggled.errorField == "project_id")
        for path in ["/v1/projects/a/counters", "/v1/projects/a/daily-stats", "/v1/projects/a/runs/r1", "/v1/projects/a/usage/by-day", "/v1/projects/a/runs/costs?ids=r1"] {
            #expect(try await server.request("GET", path, key: b).status == 403, "\(path)")
        }
        #expect(try await server.request("POST", "/v1/projects/a/activity", key: b, body: "{\"kind\":\"run_created\"}").status == 403)
        // Revoked while the server runs: refused at once.
        let id = String(a.dropFirst(4).prefix(12))
        _ = try ServerProcess.tally(["keys", "revoke", "--store", server.store, id])
        #expect(try await server.request("GET", summary, key: a).status == 401)
        #expect(server.terminate().status == 0)
        let stored = try Database(path: server.store, configuration: { var c = Database.Configuration(); c.readOnly = true; return c }())
        #expect(try stored.query("SELECT count(*) AS n FROM usage")[0]["n"]?.int64 == 0)
        let keysFile = try String(contentsOfFile: server.store + "/keys.json", encoding: .utf8)
        #expect(!keysFile.contains(a) && !keysFile.contains(b))
    }

    /// `tally rates set` in another process while the server writes: the server prices
    /// its next records with the new card, without a restart.
    @Test func aRateCardChangedByAnotherProcessPricesTheNextRecords() async throws {
        let (dir, server) = try Self.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: Self.record("input_tokens", 1_000_000, run: "before")).status == 201)
        _ = try ServerProcess.tally([
            "rates", "set", "--store", server.store, "--service", "anthropic", "--rate-type", "input_tokens",
            "--model", "claude-sonnet-4-6", "--price-unit", "per_1M_tokens", "--cost", "30", "--effective-from", "2026-01-01",
        ])
        try await Task.sleep(for: .milliseconds(150))  // appends look at the card at most every 100 ms
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: Self.record("input_tokens", 1_000_000, run: "after")).status == 201)
        let costs = try await server.request("GET", "/v1/projects/a/runs/costs?ids=before,after", key: key)
        #expect(costs.text.contains("{\"run_id\":\"before\",\"cost_usd\":3.000000000,\"records\":1}"), "\(costs.text)")
        #expect(costs.text.contains("{\"run_id\":\"after\",\"cost_usd\":30.000000000,\"records\":1}"), "\(costs.text)")
        #expect(server.terminate().status == 0)
    }

    @Test func aRejectedBatchStoresNothingAndNamesTheField() async throws {
        let (dir, server) = try Self.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        let bad = "[" + [Self.record("input_tokens", 10), Self.record("output_tokens", 20), Self.record("output_tokens", -5)].joined(separator: ",\n") + "]"
        let answer = try await server.request("POST", "/v1/projects/a/usage", key: key, body: bad)
        #expect(answer.status == 422)
        let error = answer.json["error"] as? [String: Any]
        #expect(error?["field"] as? String == "quantity")
        #expect(error?["value"] as? String == "-5.0")
        #expect((error?["message"] as? String)?.contains("record 2") == true)
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: "[{\"ts\":1}, 3]").status == 400)
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: "{\"ts\":\(Self.ts),\"service\":\"x\"}").errorField == "unit")
        let summary = try await server.request("GET", "/v1/projects/a/usage/summary?from=2026-09-01&to=2026-09-30", key: key)
        #expect(((summary.json["summary"] as? [String: Any])?["records"] as? Int) == 0)
        let good = "[" + [Self.record("input_tokens", 10), Self.record("output_tokens", 20)].joined(separator: ",") + "]"
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: good).status == 201)
        let after = try await server.request("GET", "/v1/projects/a/usage/summary?from=2026-09-01&to=2026-09-30", key: key)
        #expect(((after.json["summary"] as? [String: Any])?["records"] as? Int) == 2)
        #expect(server.terminate().status == 0)
    }

    @Test func answersEqualTheLibrarysAndCostsArePricedWhenAbsent() async throws {
        let (dir, server) = try Self.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        // 1M input tokens of claude-sonnet-4-6 without a cost: $3 from the reference card.
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: Self.record("input_tokens", 1_000_000)).status == 201)
        let batch = (0..<40).map { i in
            Self.record(["output_tokens", "cache_read_tokens", "input_tokens"][i % 3], Double(100 * i + 1), run: "r\(i % 4)", cost: i % 2 == 0 ? "0.0\(i)" : nil)
        }
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: "[" + batch.joined(separator: ",") + "]").status == 201)
        let costs = try await server.request("GET", "/v1/projects/a/runs/costs?ids=r1,zz", key: key)
        #expect(costs.status == 200)
        let query = "from=2026-09-01&to=2026-09-30"
        let summary = try await server.request("GET", "/v1/projects/a/usage/summary?\(query)", key: key)
        let compared = try await server.request("GET", "/v1/projects/a/usage/summary?\(query)&compare=true", key: key)
        let byDay = try await server.request("GET", "/v1/projects/a/usage/by-day?\(query)", key: key)
        let aggregate = try await server.request("GET", "/v1/projects/a/usage/aggregate?\(query)&groupBy=model,unit", key: key)
        let detail = try await server.request("GET", "/v1/projects/a/runs/r1", key: key)
        #expect(try await server.request("GET", "/v1/projects/a/runs/nope", key: key).status == 404)
        #expect(server.terminate().status == 0)

        var configuration = Database.Configuration()
        configuration.readOnly = true
        let analytics = try Database(path: server.store, configuration: configuration)
        let window = try DateWindow("2026-09-01", "2026-09-30")
        let s = try analytics.summary(project: "a", window: window)
        #expect(s.records == 41)
        #expect(s.byTokenClass[.input]!.costNanos >= 3_000_000_000)
        let head: [(String, JSON)] = [("project", .string("a")), ("window", .window(window))]
        #expect(summary.text == JSON.object(head + [("summary", .summary(s))]).text + "\n")
        let c = try analytics.summaryComparison(project: "a", window: window)
        #expect(compared.text == JSON.object(head + [("comparison", .comparison(c))]).text + "\n")
        let series = try analytics.usageSeries(project: "a", window: window, bucket: .day)
        #expect(byDay.text == JSON.object(head + [("bucket", .string("day")), ("days", .array(series.map { .bucket($0, key: "date") }))]).text + "\n")
        #expect(detail.text == JSON.runDetail(try analytics.runDetail(project: "a", runId: "r1")).text + "\n")
        let runCost = try analytics.runCosts(project: "a", runIds: ["r1"])["r1"]!
        #expect(costs.text.contains("{\"run_id\":\"r1\",\"cost_usd\":\(JSON.usd(runCost.costNanos).text),\"records\":\(runCost.records)}"))
        #expect(costs.text.contains("{\"run_id\":\"zz\",\"cost_usd\":0.000000000,\"records\":0}"))
        let rows = (aggregate.json["rows"] as? [[String: Any]]) ?? []
        #expect(rows.count == 3 && rows.allSatisfy { $0["model"] as? String == "claude-sonnet-4-6" })
    }

    @Test func quotasCountersAndDailyStats() async throws {
        let (dir, server) = try Self.start(["--token-allowance", "1000", "--anchor-day", "15", "--session-cap", "2"])
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let rec = "{\"ts\":\(now),\"service\":\"openai\",\"unit\":\"output_tokens\",\"quantity\":300,\"model_id\":\"gpt-5.4\"}"
        #expect(try await server.request("POST", "/v1/projects/a/usage", key: key, body: rec).status == 201)
        let tokens = try await server.request("GET", "/api/v2/quota/tokens", key: key).json
        #expect(tokens["limit"] as? Int == 1000 && tokens["used"] as? Int == 300 && tokens["remaining"] as? Int == 700)
        #expect((tokens["window_start"] as? String)?.contains("-15T00:00:00Z") == true)
        #expect((tokens["window_end"] as? String)?.contains("-15T00:00:00Z") == true)
        let events = "[{\"kind\":\"session_started\"},{\"kind\":\"session_started\"},{\"kind\":\"session_started\"},{\"kind\":\"session_ended\"},"
            + "{\"kind\":\"run_created\",\"ts\":\"2026-09-21T10:00:00Z\"},{\"kind\":\"iterations\",\"count\":7,\"ts\":\"2026-09-21T11:00:00Z\"},{\"kind\":\"sandbox_created\",\"ts\":\(Self.ts)}]"
        #expect(try await server.request("POST", "/v1/projects/a/activity", key: key, body: events).status == 201)
        let bad = try await server.request("POST", "/v1/projects/a/activity", key: key, body: "[{\"kind\":\"run_created\"},{\"kind\":\"nonsense\"}]")
        #expect(bad.status == 422 && bad.errorField == "kind")
        let sessions = try await server.request("GET", "/api/v2/sessions/quota", key: key).json
        #expect(sessions["limit"] as? Int == 2 && sessions["used"] as? Int == 2 && sessions["remaining"] as? Int == 0)
        let counters = (try await server.request("GET", "/v1/projects/a/counters", key: key).json["counters"] as? [String: Any]) ?? [:]
        #expect(counters["runs_created"] as? Int == 1 && counters["active_sessions"] as? Int == 2 && counters["iterations"] as? Int == 7)
        let days = (try await server.request("GET", "/v1/projects/a/daily-stats?from=2026-09-20&to=2026-09-22", key: key).json["days"] as? [[String: Any]]) ?? []
        #expect(days.map { $0["date"] as? String } == ["2026-09-20", "2026-09-21", "2026-09-22"])
        #expect(days.map { $0["iterations"] as? Int } == [0, 7, 0])
        #expect(days.map { $0["sandboxes_created"] as? Int } == [0, 1, 0])
        #expect(server.terminate().status == 0)

        // No allowance and no cap: both limits are null (unlimited); counters survive a restart.
        let again = try ServerProcess(store: server.store)
        let unlimited = try await again.request("GET", "/api/v2/quota/tokens", key: key)
        #expect(unlimited.text.contains("\"limit\":null") && unlimited.json["used"] as? Int == 300 && unlimited.text.contains("\"remaining\":null"))
        #expect(try await again.request("GET", "/api/v2/sessions/quota", key: key).text.contains("\"limit\":null,\"used\":2,"))
        #expect(again.terminate().status == 0)
    }

    @Test func sigtermLosesNothingAcknowledged() async throws {
        let (dir, server) = try Self.start()
        defer { dir.remove() }
        let key = try server.createKey(project: "a")
        let body = "[" + (0..<50).map { Self.record("input_tokens", Double($0 + 1)) }.joined(separator: ",") + "]"
        let acknowledged = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var ok = 0
                    for _ in 0..<200 {
                        guard let a = try? await server.request("POST", "/v1/projects/a/usage", key: key, body: body) else { break }
                        if a.status == 201 { ok += 50 } else { break }
                    }
                    return ok
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(700))
                _ = server.terminate()
                return 0
            }
            return await group.reduce(0, +)
        }
        #expect(server.process.terminationStatus == 0)
        #expect(acknowledged > 0)
        let restarted = try ServerProcess(store: server.store)
        let summary = try await restarted.request("GET", "/v1/projects/a/usage/summary?from=2026-09-01&to=2026-09-30", key: key)
        let records = (summary.json["summary"] as? [String: Any])?["records"] as? Int ?? -1
        // Every acknowledged batch is there; a batch in flight at the signal may be too.
        #expect(records >= acknowledged && records % 50 == 0)
        #expect(restarted.terminate().status == 0)
    }
}
