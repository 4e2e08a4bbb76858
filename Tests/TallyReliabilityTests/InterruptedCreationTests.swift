import Foundation
import Testing
import Tally

/// A crash while a store is being created (after `data/` or `MANIFEST` exists, before
/// `tally.store` is written) must not leave a folder that can neither be opened nor
/// created; a folder holding anything else must still be refused.
@Suite struct InterruptedCreationTests {
    @Test(arguments: [["data"], ["data", "MANIFEST.tmp"], ["data", "MANIFEST"], ["data", "MANIFEST", "tally.store.tmp"]])
    func aCreationCutShortIsFinished(_ leftovers: [String]) throws {
        let dir = try ScratchDirectory(prefix: "tally-create")
        defer { dir.remove() }
        let path = dir.path + "/s"
        try FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        for name in leftovers where name != "data" {
            _ = FileManager.default.createFile(atPath: path + "/" + name, contents: Data("torn".utf8))
        }
        let store = try Store.open(at: path)
        try store.append(contentsOf: ReliabilityRecords.make(count: 10, seed: 1))
        try store.close()
        #expect(try StoreContents(storeAt: path).totalRows == 10)
    }

    @Test func aFolderWithOtherFilesIsStillRefused() throws {
        let dir = try ScratchDirectory(prefix: "tally-create")
        defer { dir.remove() }
        let path = dir.path + "/s"
        try FileManager.default.createDirectory(atPath: path + "/data/p", withIntermediateDirectories: true)
        #expect(throws: StorageError.self) { try Store.open(at: path) }
        try FileManager.default.removeItem(atPath: path + "/data/p")
        _ = FileManager.default.createFile(atPath: path + "/notes.txt", contents: Data())
        #expect(throws: StorageError.self) { try Store.open(at: path) }
    }
}
