#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock on one part of a store folder, taken in the folder's one lock file, `LOCK`.
///
/// The folder has a single lock file with one byte per writer role, as SQLite keeps its
/// locks as byte ranges of one file: the store's writer, the activity log's writer and
/// whoever is changing the API keys or the rate card each lock their own byte, so a
/// server that writes usage and activity does not stop `tally keys create` or `tally
/// rates set` from another process, while two writers of the same role exclude each other.
///
/// On Linux the locks are open-file-description locks (`F_OFD_SETLK`): they belong to the
/// descriptor, not the process, so two `Database` objects in one process exclude each
/// other as two processes do, and closing an unrelated descriptor of the same file does
/// not drop them (as it would a classic POSIX lock). A lock ends when it is released or
/// the process dies, so a crash never leaves a stale lock.
package final class FolderLock: Sendable {
    /// The byte of `LOCK` each writer role holds.
    package enum Role: Int64, Sendable, CaseIterable {
        /// Appends, flushes, compaction, deletion: the store's single writer.
        case store = 0
        /// The activity log's single writer.
        case activity = 1
        /// A change of the API key file (held for the length of one change).
        case keys = 2
        /// A change of the rate card (held for the length of one change).
        case rates = 3
    }

    /// The lock file's name inside the folder.
    package static let fileName = "LOCK"

    /// The held lock file's path.
    package let path: String
    /// The role this lock holds.
    package let role: Role
    private let fd: Int32
    private let fileSystem: FileSystem

    private init(path: String, role: Role, fd: Int32, fileSystem: FileSystem) {
        self.path = path
        self.role = role
        self.fd = fd
        self.fileSystem = fileSystem
    }

    /// Takes `role`'s lock in `folder`'s `LOCK`, creating the file if needed.
    ///
    /// - Parameter wait: block until the lock is free (for short critical sections such
    ///   as a key change) instead of failing at once.
    /// - Throws: `StorageError.locked` when another holder has it and `wait` is false.
    package static func acquire(_ role: Role, in folder: String, fileSystem: FileSystem, wait: Bool = false,
                                site: StaticString = #fileID, siteLine: UInt = #line) throws -> FolderLock {
        let path = folder + "/" + fileName
        let fd = try fileSystem.open(path, flags: O_RDWR | O_CREAT, site: site, siteLine: siteLine)
        let held: Bool
        do {
            held = try fileSystem.lockByte(fd, path: path, at: role.rawValue, wait: wait, site: site, siteLine: siteLine)
        } catch {
            fileSystem.close(fd)
            throw error
        }
        guard held else {
            fileSystem.close(fd)
            throw StorageError.locked(path: path)
        }
        return FolderLock(path: path, role: role, fd: fd, fileSystem: fileSystem)
    }

    deinit {
        // Unlocked explicitly, then closed: a process spawned by another thread at this
        // moment shares the descriptor until it execs, and closing alone would leave the
        // lock held by that copy (a second open of the store then fails as "locked").
        fileSystem.unlockByte(fd, at: role.rawValue)
        fileSystem.close(fd)
    }
}
