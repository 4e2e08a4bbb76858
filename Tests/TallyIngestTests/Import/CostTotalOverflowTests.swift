import Foundation
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// Money summed outside SQL (the import summary, the re-pricing report) at and past the
/// Int64 boundary: every total is compared with the exact sum computed here in Int128,
/// so a wrapped or clamped total fails (issue #19: two rows of 5,000,000,000 USD printed
/// as "-8446744073.709551616").
@Suite struct CostTotalOverflowTests {
    /// Nano-USD as the decimal text of a cost_usd field.
    static func usd(_ nanos: Int64) -> String {
        let m = nanos.magnitude
        let fraction = String(m % 1_000_000_000)
        return (nanos < 0 ? "-" : "") + "\(m / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    /// One CSV (or JSONL) file of rows with the given costs, imported; its summary.
    static func importCosts(_ costs: [Int64], jsonl: Bool = false, in dir: TemporaryDirectory) throws -> (ImportSummary, [UsageRecord]) {
        let store = try Store.openPriced(at: dir.path + "/s")
        var text = jsonl ? "" : ImporterTests.header
        for (i, c) in costs.enumerated() {
            let ts = ImporterTests.jan1 + Int64(i) * 60_000
            text += jsonl
                ? "{\"project_id\":\"acme\",\"ts\":\(ts),\"service\":\"anthropic\",\"unit\":\"input_tokens\",\"quantity\":1,\"cost_usd\":\(usd(c))}\n"
                : "acme,\(ts),anthropic,input_tokens,1,,\(usd(c))\n"
        }
        let file = dir.path + (jsonl ? "/costs.jsonl" : "/costs.csv")
        try ImporterTests.write(text, to: file)
        let summary = try Importer(store: store).importFile(file)
        return (summary, try ImporterTests.records(store))
    }

    @Test(arguments: [false, true])
    func twoRowsOfFiveBillionDollarsSumExactly(jsonl: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (summary, _) = try Self.importCosts([5_000_000_000_000_000_000, 5_000_000_000_000_000_000], jsonl: jsonl, in: dir)
        #expect(summary.costNanos == 10_000_000_000_000_000_000)
    }

    @Test func boundaryCostsSumExactly() throws {
        let cases: [[Int64]] = [
            [Int64.max, Int64.max, Int64.max], [Int64.max, 1], [Int64.min + 1, Int64.min + 1], [Int64.min + 1, -1],
            [1 << 62, 1 << 62], [Int64.max, Int64.min + 1, Int64.max],
        ]
        for costs in cases {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            guard let (summary, rows) = try? Self.importCosts(costs, in: dir) else {
                Issue.record("import of \(costs) failed")
                continue
            }
            #expect(rows.count == costs.count)
            #expect(summary.costNanos == costs.reduce(Int128(0)) { $0 + Int128($1) }, "\(costs)")
        }
    }

    /// Random files of random large costs (both signs): the summary is the exact sum.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomLargeCostsSumExactly(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let costs = (0..<Int.random(in: 2...40, using: &g)).map { _ in
            Bool.random(using: &g) ? Int64.random(in: (Int64.max / 4)...Int64.max, using: &g) : Int64.random(in: (Int64.min + 1)...Int64.max, using: &g)
        }
        let (summary, _) = try Self.importCosts(costs, jsonl: seed % 2 == 0, in: dir)
        #expect(summary.costNanos == costs.reduce(Int128(0)) { $0 + Int128($1) })
    }

    /// A re-pricing whose change passes Int64.max nano-USD reports it exactly (it was
    /// reported negative): the change is compared with the stored costs before and after.
    @Test(arguments: ["4000000000", "9000000000", "9223372036.854775807"])
    func repriceReportsALargePositiveChangeExactly(rate: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let file = dir.path + "/rows.csv"
        // Three rows of 1M tokens each, priced from the reference card first.
        try ImporterTests.write(ImporterTests.header + ImporterTests.csvLines(3), to: file)
        _ = try Importer(store: store).importFile(file)
        let before = try ImporterTests.records(store)
        var card = try store.rateCard()
        card.upsert(RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-sonnet-4-6", priceUnit: .per1MTokens,
                            costPerUnit: ExactDecimal(rate)!, effectiveFrom: CivilDate.parseISODate("2026-01-01")!))
        try store.saveRateCard(card)
        let report = try store.reprice(days: CivilDate.parseISODate("2026-01-01")!...CivilDate.parseISODate("2026-01-01")!)
        let after = try ImporterTests.records(store)
        let total = { (rows: [UsageRecord]) in rows.reduce(Int128(0)) { $0 + Int128($1.costNanos ?? 0) } }
        #expect(report.rowsChanged == 3)
        #expect(report.costDeltaNanos > Int128(Int64.max))
        #expect(report.costDeltaNanos == total(after) - total(before))
    }
}
