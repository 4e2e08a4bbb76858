import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// Compaction of more partitions than one commit takes: every project's small months end
/// in one part (`PartSpans`), every row survives, and the work is published in groups, not
/// one commit per merge (which made compacting a 1-billion-row store quadratic in manifest
/// bytes).
@Suite struct StoreCompactionTests {
    @Test func manyPartitionsAreMergedInGroupsOfCommits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        // 150 small projects x a few months, in three flushes: each flush writes one part
        // per project (its months share it), so most projects get 2-3 parts.
        let records = RandomRecords.make(count: 9_000, seed: 41, projects: 150, days: 60)
        for third in 0..<3 {
            try store.append(contentsOf: Array(records[(third * 3_000)..<((third + 1) * 3_000)]))
            try store.flush()
        }
        let before = store.snapshot()
        let projects = Set(before.parts.map(\.entry.projectId))
        let multiPart = projects.filter { p in before.parts.filter { $0.entry.projectId == p }.count >= 2 }
        #expect(multiPart.count > Store.partitionsPerCompactionCommit)

        let replaced = try store.compact()
        let after = store.snapshot()
        #expect(replaced == before.parts.count - (projects.count - multiPart.count))
        #expect(after.parts.count == projects.count)
        let commits = Int(after.manifest.generation - before.manifest.generation)
        let groups = (multiPart.count + Store.partitionsPerCompactionCommit - 1) / Store.partitionsPerCompactionCommit
        #expect(commits == groups)

        var back = [UsageRecord]()
        for h in after.parts { try h.reader().readAllRecords { back.append($0) } }
        #expect(RandomRecords.sorted(back) == RandomRecords.sorted(records))
        try store.close()
    }
}
