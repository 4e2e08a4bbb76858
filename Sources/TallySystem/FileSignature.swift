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
    package func signature(of path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws -> FileSignature? {
        try status(path, site: site, siteLine: siteLine).map {
            FileSignature(inode: $0.inode, size: Int64($0.size), modifiedNanos: $0.modifiedNanoseconds)
        }
    }
}
