#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sequential reads, for inputs that may be pipes (standard input, a FIFO named on the
/// command line) whose size `fstat` does not know, and for files read front to back in
/// large blocks (imports).
extension FileSystem {
    /// Reads up to `buffer.count` bytes at the descriptor's position; returns how many,
    /// 0 at end of input. One call is one `read`: callers pass blocks of a megabyte or
    /// so, so that a large file is a few large reads.
    package func readSome(_ fd: Int32, path: String, into buffer: UnsafeMutableRawBufferPointer,
                         site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> Int {
        try check(.read, path, site, siteLine)
        while true {
            let n = Glibc.read(fd, buffer.baseAddress!, buffer.count)
            if n >= 0 {
                counters?.recordRead(n)
                return n
            }
            if errno == EINTR { continue }
            throw StorageError.io(operation: "read", path: path, errno: errno)
        }
    }

    /// Reads from the descriptor's position until `count` bytes or the end of input,
    /// whichever comes first.
    package func readPrefix(_ fd: Int32, path: String, count: Int,
                           site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try bytes.withMutableBytes { (b) throws(StorageError) in
                try readSome(fd, path: path, into: UnsafeMutableRawBufferPointer(rebasing: b[filled...]), site: site, siteLine: siteLine)
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Reads from the descriptor's position to the end of input, a megabyte at a time.
    package func readToEnd(_ fd: Int32, path: String,
                          site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> [UInt8] {
        var out = [UInt8]()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try block.withMutableBytes { (b) throws(StorageError) in try readSome(fd, path: path, into: b, site: site, siteLine: siteLine) }
            if n == 0 { return out }
            out.append(contentsOf: block[0..<n])
        }
    }

    /// Reads the file at `path` front to back to its end: unlike `readAll`, right for a
    /// pipe or FIFO named as a file too, whose size `fstat` does not know.
    package func readToEnd(ofFile path: String, site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) -> [UInt8] {
        let fd = try open(path, flags: O_RDONLY, site: site, siteLine: siteLine)
        defer { close(fd) }
        return try readToEnd(fd, path: path, site: site, siteLine: siteLine)
    }

    /// Cuts an open file to `length` bytes (drops a torn tail, undoes an append).
    package func truncate(_ fd: Int32, path: String, to length: Int,
                         site: StaticString = #fileID, siteLine: UInt = #line) throws(StorageError) {
        try check(.truncate, path, site, siteLine)
        guard ftruncate(fd, off_t(length)) == 0 else { throw StorageError.io(operation: "ftruncate", path: path, errno: errno) }
        journal?.record(.truncate(fd: fd, length: length))
    }
}
