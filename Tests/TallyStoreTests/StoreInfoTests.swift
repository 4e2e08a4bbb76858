import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

/// `Snapshot.info()`, the figures behind `tally info`: one damaged part is listed with
/// its error and the other parts are still counted (issue #19).
@Suite struct StoreInfoTests {
    @Test func aDamagedPartIsListedAndTheRestStillCounted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let path = dir.path + "/s"
        do {
            let store = try Store.open(at: path, options: options)
            // Two projects: two partitions, two parts.
            for p in ["a", "b"] { for d in 0..<5 { try store.append(StoreBehaviourTests.record(p, day: d)) } }
            try store.flush()
            try store.close()
        }
        let store = try Store.open(at: path, options: options)
        defer { try? store.close() }
        let parts = store.snapshot().parts
        try #require(parts.count == 2)
        // Overwrite the trailer of one part, where its footer is found.
        let victim = parts[0]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: victim.path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size - 32)
        handle.write(Data(repeating: 0xAB, count: 32))
        try handle.close()

        let info = try store.snapshot().info()
        #expect(info.damagedParts.map(\.path) == [victim.entry.relativePath])
        #expect(info.damagedParts.first?.error.isEmpty == false)
        #expect(info.rows == 10 && info.parts == 2 && info.projects.map(\.projectId) == ["a", "b"])
        // The intact part's column bytes are still there.
        #expect((info.columnBytes["project_id"] ?? 0) + (info.columnBytes["ts"] ?? 0) > 0)
    }
}
