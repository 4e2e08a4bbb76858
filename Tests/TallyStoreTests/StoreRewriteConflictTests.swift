import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

/// A rewrite whose parts were replaced meanwhile is refused as `StorageError.conflict`
/// (the one conflict error of the store), saying which part, which store and what to do.
@Suite struct StoreRewriteConflictTests {
    @Test func replacingPartsACompactionMergedIsAConflict() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        // Several flushes: partitions of several parts, which the compaction merges.
        let (store, _) = try RemovalFixture.store(at: path, seed: 5, count: 1_000, projects: 1, days: 20, flushes: 2)
        let before = store.snapshot().parts.map(\.entry)
        #expect(try store.compact() > 0)
        let generation = store.snapshot().manifest.generation
        do {
            try store.replaceParts(before, with: [])
            Issue.record("replacing merged parts should conflict")
        } catch let StorageError.conflict(reason) {
            #expect(reason.contains("of \(path) was replaced by another writer"))
            #expect(reason.contains("nothing was changed, run the command again"))
            #expect("\(StorageError.conflict(reason: reason))".hasPrefix("conflicting change: part "))
        }
        #expect(store.snapshot().manifest.generation == generation)
        try store.close()
    }
}
