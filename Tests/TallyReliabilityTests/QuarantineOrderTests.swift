#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Tally
import TallyTestSupport

/// Found by the power-loss walk and the fault sweep of `Store.repair` (issue #19): the
/// damaged parts were renamed into `quarantine/` before the manifest that drops them was
/// published, so a failed commit (or a power cut between the two) left a manifest
/// listing files that were gone, and every scan of the store failed with ENOENT. Now the
/// files are linked into `quarantine/`, the manifest committed, and only then their old
/// names removed.
@Suite struct QuarantineOrderTests {
    @Test func aFailedCommitLeavesTheStoreAsItWas() throws {
        let dir = try ScratchDirectory(prefix: "tally-quarantine-order")
        defer { dir.remove() }
        let path = dir.path + "/store"
        try PowerLossTests.makeBase(at: path)
        try PowerLossTests.damageOnePart(in: path)
        let damaged = try PowerLossTests.open(path, fileSystem: FileSystem()).verify()
        try #require(damaged.count == 1)

        let injector = FaultInjector([FaultInjector.Rule(operation: .write, pathContains: "MANIFEST", errno: ENOSPC)])
        let store = try PowerLossTests.open(path, fileSystem: FileSystem(faults: injector))
        #expect(throws: StorageError.self) { try store.repair() }
        try store.close()

        // The manifest still lists the damaged part, and its file is where it was: the
        // other parts scan, and the same single damage is reported.
        #expect(FileManager.default.fileExists(atPath: damaged[0].path))
        let reopened = try PowerLossTests.open(path, fileSystem: FileSystem())
        #expect(reopened.verify().map(\.path) == damaged.map(\.path))
        let moved = try reopened.repair()
        #expect(moved.map(\.path) == damaged.map(\.path))
        #expect(reopened.verify().isEmpty)
        try reopened.close()
        #expect(!FileManager.default.fileExists(atPath: damaged[0].path))
        #expect(FaultSweep.tree(path + "/quarantine").count == 1, "the damaged file is kept, once")
    }
}
