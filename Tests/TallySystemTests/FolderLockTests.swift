import Foundation
import Testing
import TallySystem
import TallyTestSupport

/// The folder's one lock file: one byte per writer role, exclusive per role, released
/// with the lock object, waiting when asked.
@Suite struct FolderLockTests {
    @Test func eachRoleExcludesItselfAndNoOther() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fs = FileSystem()
        var held = [FolderLock]()
        for role in FolderLock.Role.allCases {
            held.append(try FolderLock.acquire(role, in: dir.path, fileSystem: fs))
        }
        for role in FolderLock.Role.allCases {
            #expect(throws: StorageError.locked(path: dir.path + "/LOCK")) {
                try FolderLock.acquire(role, in: dir.path, fileSystem: fs)
            }
        }
        held.removeAll()  // released with the objects
        for role in FolderLock.Role.allCases {
            _ = try FolderLock.acquire(role, in: dir.path, fileSystem: fs)
        }
    }

    @Test func waitingBlocksUntilTheHolderReleases() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fs = FileSystem()
        var holder: FolderLock? = try FolderLock.acquire(.keys, in: dir.path, fileSystem: fs)
        let start = ContinuousClock.now
        let waiter = Task.detached { try FolderLock.acquire(.keys, in: dir.path, fileSystem: fs, wait: true) }
        try await Task.sleep(for: .milliseconds(200))
        withExtendedLifetime(holder) {}
        holder = nil
        _ = try await waiter.value
        #expect(ContinuousClock.now - start >= .milliseconds(200))
    }
}
