#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says of a path: enough to size a progress bar, tell a regular file from a
/// device or pipe, and notice that a file was replaced.
package struct FileStatus: Sendable, Hashable {
    /// The size in bytes.
    package var size: Int
    /// The inode number (changes when a file is replaced by a rename).
    package var inode: UInt64
    /// The last modification, in nanoseconds since the epoch.
    package var modifiedNanoseconds: Int64
    /// A regular file (not a directory, device, pipe or socket).
    package var isRegularFile: Bool
    /// A directory.
    package var isDirectory: Bool
    /// A symbolic link (only from `status(_:followingLinks: false)`).
    package var isSymbolicLink: Bool
}

extension FileSystem {
    /// The status of `path` (of the link itself if it is a symbolic link and
    /// `followingLinks` is false); nil when there is nothing there (or a component of the
    /// path is not a folder).
    package func status(_ path: String, followingLinks: Bool = true,
                       site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> FileStatus? {
        try check(.stat, path, site, siteLine)
        var st = stat()
        guard (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw StorageError.io(operation: "stat", path: path, errno: errno)
        }
        let kind = st.st_mode & S_IFMT
        #if canImport(Glibc)
        let modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #else
        let modified = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #endif
        return FileStatus(
            size: Int(st.st_size), inode: UInt64(st.st_ino), modifiedNanoseconds: modified,
            isRegularFile: kind == S_IFREG, isDirectory: kind == S_IFDIR, isSymbolicLink: kind == S_IFLNK)
    }

    /// Removes an empty directory; a missing one is not an error.
    package func removeDirectory(_ path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.rmdir, path, site, siteLine)
        if rmdir(path) == 0 {
            journal?.record(.rmdir(path: path))
        } else if errno != ENOENT {
            throw StorageError.io(operation: "rmdir", path: path, errno: errno)
        }
    }

    /// Closes a descriptor written to, reporting the error some file systems (NFS, FUSE)
    /// only give at close, so an output is never called complete when it is not.
    package func closeReportingErrors(_ fd: Int32, path: String) throws(StorageError) {
        journal?.record(.close(fd: fd))
        guard Glibc.close(fd) == 0 else { throw StorageError.io(operation: "close", path: path, errno: errno) }
    }
}
