#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells one version of a small file from the next without reading it: its inode,
/// size and modification time. A file replaced atomically (written beside and renamed)
/// gets a new inode, so even a change within the clock's resolution is seen.
package struct FileSignature: Sendable, Hashable {
    package var inode: UInt64
    package var size: Int64
    package var modifiedNanos: Int64
}

extension FileSystem {
    /// The signature of the file at `path`, or nil when there is none.
    package func signature(of path: String) throws -> FileSignature? {
        try check(.stat, path)
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw StorageError.io(operation: "stat", path: path, errno: errno)
        }
        #if canImport(Glibc)
        let modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #else
        let modified = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #endif
        return FileSignature(inode: UInt64(st.st_ino), size: Int64(st.st_size), modifiedNanos: modified)
    }
}
