#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-range write locks, as `FolderLock` takes them in a folder's `LOCK` file.
extension FileSystem {
    /// Takes an exclusive lock on byte `offset` of an open file. With `wait`, blocks until
    /// it is free and returns true; without, returns false at once if another holder has it.
    ///
    /// On Linux the lock is an open-file-description lock (`F_OFD_SETLK`): it belongs to
    /// the descriptor, so two descriptors in one process exclude each other as two
    /// processes do, and it ends when the descriptor is closed or the process dies.
    package func lockByte(_ fd: Int32, path: String, at offset: Int64, wait: Bool,
                         site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> Bool {
        try check(.lock, path, site, siteLine)
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(offset)
        lock.l_len = 1
        while fcntl(fd, wait ? FileSystem.setLockWait : FileSystem.setLock, &lock) != 0 {
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EACCES { return false }
            throw StorageError.io(operation: "lock", path: path, errno: e)
        }
        return true
    }

    /// Releases the byte at `offset` of `fd`'s file. Closing the descriptor alone is not
    /// enough: a child process forked at that moment shares the open file description
    /// until it execs, and would keep the lock held for that time.
    package func unlockByte(_ fd: Int32, at offset: Int64) {
        var lock = flock()
        lock.l_type = Int16(F_UNLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(offset)
        lock.l_len = 1
        while fcntl(fd, FileSystem.setLock, &lock) != 0 && errno == EINTR {}
    }

    #if os(Linux)
    // F_OFD_SETLK / F_OFD_SETLKW (Linux 3.15+), which Glibc's module does not export.
    private static let setLock: Int32 = 37
    private static let setLockWait: Int32 = 38
    #else
    private static let setLock: Int32 = F_SETLK
    private static let setLockWait: Int32 = F_SETLKW
    #endif
}
