import Foundation
import Tally
import TallyTestSupport
import Testing

/// The side tables of SQL (`rates`, `daily_stats`, `counters`) hold what the Database
/// API answers: the rate card's rows, and the activity log's counters and daily figures.
@Suite struct SideTablesTests {
    static let day = CivilDate.dayNumber(year: 2026, month: 10, day: 15)
    static let ms = Int64(day) * CivilDate.millisecondsPerDay

    static let card = RateCard(rows: [
        RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-x", priceUnit: .per1MTokens,
                costPerUnit: ExactDecimal("3")!, effectiveFrom: day - 100, origin: .default(version: 2)),
        RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-x", priceUnit: .per1MTokens,
                costPerUnit: ExactDecimal("2.5")!, effectiveFrom: day - 10),
        RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-x", priceUnit: .per1MTokens,
                costPerUnit: ExactDecimal("9")!, isActive: false, effectiveFrom: day - 5),
        RateRow(service: "e2b", rateType: "sandbox_seconds", priceUnit: .perHour, costPerUnit: ExactDecimal("0.0504")!, effectiveFrom: day - 100),
    ])

    static func database() throws -> (TemporaryDirectory, Database) {
        let dir = try TemporaryDirectory()
        let db = try Database(path: dir.path + "/db")
        try db.setRateCard(card)
        let events: [(String, Int64, ActivityKind)] = [
            ("acme", ms, .runCreated), ("acme", ms + 1, .runCreated), ("acme", ms + 2, .runFailed), ("acme", ms + 3, .iterations(7)),
            ("acme", ms + CivilDate.millisecondsPerDay, .sandboxCreated), ("acme", ms + 2 * CivilDate.millisecondsPerDay, .memberAdded),
            ("acme", ms + 40 * CivilDate.millisecondsPerDay, .workflowCreated),
            ("beta", ms, .sessionStarted), ("beta", ms, .sessionStarted), ("beta", ms + 5, .sessionEnded), ("beta", ms, .invitationSent),
        ]
        try db.activity.record(contentsOf: events.map { ActivityEvent(projectId: $0.0, ts: $0.1, kind: $0.2) })
        return (dir, db)
    }

    @Test func ratesHoldsTheCardsRowsWithTheirEffectiveRanges() throws {
        let (dir, db) = try Self.database()
        defer { try? db.close(); dir.remove() }
        let rows = try db.query("SELECT * FROM rates")
        let card = try db.rateCard()
        #expect(rows.columns.map(\.name) == ["service", "unit", "model_id", "price_usd", "price_unit", "units_per_price", "effective_from",
                                             "effective_until", "active", "origin", "defaults_version"])
        #expect(rows.count == card.rows.count)
        for (row, rate) in zip(rows, card.rows) {
            #expect(row["service"]?.string == rate.service)
            #expect(row["unit"]?.string == rate.rateType)
            #expect(row["model_id"]?.string == rate.modelOrTier)
            #expect(row["price_usd"] == .money(nanos: Int128(rate.costPerUnit.significand) * Int128(pow(10, Double(9 - rate.costPerUnit.scale)))))
            #expect(row["price_unit"]?.string == rate.priceUnit.rawValue)
            #expect(row["units_per_price"]?.int64 == rate.priceUnit.baseUnitsPerPricedUnit)
            #expect(row["effective_from"] == .date(day: rate.effectiveFrom))
            #expect(row["active"] == .bool(rate.isActive))
        }
        // The first claude-x rate ends where the second (active) one starts; the inactive
        // one and the newest have no end.
        #expect(rows.map { $0["effective_until"] } == [.date(day: Self.day - 10), .null, .null, .null])
        #expect(rows.map { $0["origin"]?.string } == ["default", "custom", "custom", "custom"])
        #expect(rows.map { $0["defaults_version"] } == [.integer(2), .null, .null, .null])
    }

    @Test func countersHoldTheActivityLogsCountersPerProject() throws {
        let (dir, db) = try Self.database()
        defer { try? db.close(); dir.remove() }
        let rows = try db.query("SELECT * FROM counters ORDER BY project_id")
        #expect(rows.map { $0["project_id"]?.string } == (try db.activity.projects()))
        for row in rows {
            let c = try db.activity.counters(project: row["project_id"]!.string!)
            let expected = [c.sandboxesCreated, c.sandboxesTerminated, c.sessionsStarted, c.sessionsEnded, c.runsCreated, c.runsCompleted,
                            c.runsFailed, c.iterations, c.workflowsCreated, c.membersAdded, c.membersRemoved, c.invitationsSent,
                            c.invitationsResolved, c.activeSandboxes, c.activeSessions, c.members, c.pendingInvitations]
            #expect(Array(row.values.dropFirst()).map(\.int64) == expected.map { Optional($0) })
        }
        #expect(try db.query("SELECT active_sessions, pending_invitations FROM counters WHERE project_id = 'beta'")[0].values == [.integer(1), .integer(1)])
    }

    @Test func dailyStatsHoldTheDaysWithDailyFigures() throws {
        let (dir, db) = try Self.database()
        defer { try? db.close(); dir.remove() }
        let rows = try db.query("SELECT * FROM daily_stats ORDER BY project_id, date")
        var expected: [[ResultValue]] = []
        for project in try db.activity.projects() {
            for d in try db.activity.dailyStats(project: project, window: DateWindow(from: Self.day - 1, to: Self.day + 60))
            where d != ActivityDay(day: d.day) {
                expected.append([.string(project), .date(day: d.day)] + [d.sandboxesCreated, d.runsCreated, d.runsCompleted, d.runsFailed,
                                                                         d.iterations, d.workflowsCreated].map { .integer(Int128($0)) })
            }
        }
        #expect(rows.rows == expected)
        #expect(rows.count == 3, "acme's three days with figures (not the member's day), none of beta's")
    }

    @Test func costsCanBeRecomputedByJoiningUsageWithRates() throws {
        let (dir, db) = try Self.database()
        defer { try? db.close(); dir.remove() }
        try db.append(UsageRecord(projectId: "acme", ts: Self.ms, service: "anthropic", unit: "input_tokens", quantity: 2_000_000, modelId: "claude-x"))
        try db.flush()
        let r = try db.query("""
            SELECT u.cost_usd, u.quantity / r.units_per_price * r.price_usd AS recomputed
            FROM usage u JOIN rates r ON u.service = r.service AND u.unit = r.unit AND u.model_id = r.model_id
              AND u.date >= r.effective_from AND (r.effective_until IS NULL OR u.date < r.effective_until)
            WHERE r.active
            """)
        #expect(r.count == 1)
        #expect(r[0]["cost_usd"] == .money(nanos: 5_000_000_000), "2M tokens at 2.5 USD per million")
        #expect(r[0]["recomputed"]?.double == 5)
    }
}
