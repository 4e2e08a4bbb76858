@testable import TallySQL
import Testing

/// `= 'x'` and `IN (...)` on a part's dictionary are looked up, not tested entry by entry
/// (`PartDictionaries.mask`): the mask must be the one evaluating the condition gives.
@Suite struct DictionaryLookupTests {
    static func evaluated(_ entries: [String], _ wanted: [String]) -> [UInt8] {
        [0] + entries.map { e in wanted.contains { Array($0.utf8) == Array(e.utf8) } ? 1 : 0 }
    }

    @Test func aLookedUpMaskIsTheEvaluatedOne() {
        var g = SeededGenerator(seed: 9)
        let lookups = PartDictionaries()
        for _ in 0..<50 {
            let entries = Array(Set((0..<Int.random(in: 0...40, using: &g)).map { _ in "run-\(Int.random(in: 0..<60, using: &g))" })).sorted()
            let dict = TableScanOperator.dictionaryVector(entries)
            let wanted = (0..<Int.random(in: 1...5, using: &g)).map { _ in "run-\(Int.random(in: 0..<70, using: &g))" }
            let id = DictionaryIDs.freshDistinct()
            for _ in 0..<2 {  // built, then from the kept map
                #expect(lookups.mask(of: wanted, in: dict, id: id) == Self.evaluated(entries, wanted))
            }
        }
    }

    @Test func textEqualOnlyAsSwiftStringsIsToldApart() {
        let lookups = PartDictionaries()
        // "é" as one code point and as "e" + U+0301: two entries, each found by its own bytes.
        let both = TableScanOperator.dictionaryVector(["e\u{301}", "é"])
        #expect(lookups.mask(of: ["é"], in: both, id: DictionaryIDs.freshDistinct()) == [0, 0, 1])
        #expect(lookups.mask(of: ["e\u{301}"], in: both, id: DictionaryIDs.freshDistinct()) == [0, 1, 0])
        let one = TableScanOperator.dictionaryVector(["a", "e\u{301}"])
        #expect(lookups.mask(of: ["é"], in: one, id: DictionaryIDs.freshDistinct()) == [0, 0, 0])
    }

    @Test func theWantedValuesOfEqualityAndInListsAreFound() throws {
        let sql = ["SELECT count(*) FROM usage WHERE run_id = 'r1'", "SELECT count(*) FROM usage WHERE 'r1' = run_id",
                   "SELECT count(*) FROM usage WHERE run_id IN ('r1', 'r2', NULL)", "SELECT count(*) FROM usage WHERE run_id NOT IN ('r1')",
                   "SELECT count(*) FROM usage WHERE run_id <> 'r1'"]
        let expected: [[String]?] = [["r1"], ["r1"], ["r1", "r2"], nil, nil]
        for (text, want) in zip(sql, expected) {
            let q = try SQLQuery.prepare(text, rollupRule: false)
            guard case .query(let bound) = q.kind, let scan = Self.scan(in: bound.plan) else {
                Issue.record("no scan in \(text)")
                continue
            }
            let runColumn = UsageTable.columns.firstIndex { $0.name == "run_id" }!
            let predicates = scan.dictionaryFilters.filter { $0.0 == runColumn }.map(\.1)
            #expect(predicates.count == 1, "\(text)")
            #expect(predicates.first.flatMap { TableScanOperator.lookedUpValues($0, column: runColumn) } == want, "\(text)")
        }
    }

    /// The usage scan under filters, projections and an aggregate.
    static func scan(in plan: LogicalPlan) -> TableScan? {
        switch plan {
        case .scan(let s): return s
        case .filter(let p, _), .project(let p, _), .aggregate(let p, _): return scan(in: p)
        default: return nil
        }
    }
}
