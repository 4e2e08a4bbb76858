#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Tally
import TallyTestSupport

/// Found by the fault sweep of `tally repair` (issue #19): a read that failed (EIO) while
/// a repair read a sound part made the repair take the part for damaged, move it to
/// `quarantine/` and publish a manifest without its rows. A failed call says nothing of
/// a file's bytes: the repair must stop with the error, change nothing, and succeed
/// when rerun.
@Suite struct RepairReadErrorTests {
    /// A fault on the first read of a part file.
    static func failingPartRead() -> FaultInjector {
        FaultInjector([FaultInjector.Rule(operation: .read, pathContains: ".tly", errno: EIO)])
    }

    @Test func aReadErrorStopsTheRebuildFromPartFilesInsteadOfQuarantining() throws {
        let dir = try ScratchDirectory(prefix: "tally-repair-read-error")
        defer { dir.remove() }
        let path = dir.path + "/store"
        try PowerLossTests.makeBase(at: path)
        let before = try StoreContents(storeAt: path)
        try FileManager.default.removeItem(atPath: path + "/MANIFEST")
        try FileManager.default.removeItem(atPath: path + "/MANIFEST.copy")

        var options = StoreOptions()
        let injector = Self.failingPartRead()
        options.fileSystem = FileSystem(faults: injector)
        #expect(throws: StorageError.self) { try Store.repairManifest(at: path, options: options) }
        #expect(!FileManager.default.fileExists(atPath: path + "/quarantine"), "a sound part was quarantined")
        #expect(!FileManager.default.fileExists(atPath: path + "/MANIFEST"), "a manifest was published")

        let report = try #require(try Store.repairManifest(at: path))
        #expect(report.quarantined.isEmpty)
        #expect(try StoreContents(storeAt: path) == before)
    }

    @Test func aReadErrorStopsThePartRepairInsteadOfQuarantining() throws {
        let dir = try ScratchDirectory(prefix: "tally-repair-read-error")
        defer { dir.remove() }
        let path = dir.path + "/store"
        try PowerLossTests.makeBase(at: path)
        let before = try StoreContents(storeAt: path)

        let store = try PowerLossTests.open(path, fileSystem: FileSystem(faults: Self.failingPartRead()))
        #expect(throws: StorageError.self) { try store.repair() }
        #expect(!FileManager.default.fileExists(atPath: path + "/quarantine"), "a sound part was quarantined")
        #expect(try store.repair().isEmpty)
        try store.close()
        #expect(try StoreContents(storeAt: path) == before)
    }
}
