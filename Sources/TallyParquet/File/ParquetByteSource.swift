#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat

/// Random access to a Parquet file's bytes: a file read with `pread` (only the footer
/// and the row group being decoded are in memory), or bytes already in memory (standard
/// input, tests).
public final class ParquetByteSource: @unchecked Sendable {
    private let fd: Int32
    private let memory: [UInt8]?
    /// The name used in errors.
    public let name: String
    /// The size in bytes.
    public let size: Int64

    /// Opens a file.
    public init(path: String) throws(ParquetError) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open the file", errno: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw .io(path: path, operation: "stat the file", errno: e)
        }
        memory = nil
        name = path
        size = Int64(st.st_size)
    }

    /// Wraps bytes in memory.
    public init(bytes: [UInt8], name: String) {
        fd = -1
        memory = bytes
        self.name = name
        size = Int64(bytes.count)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// `count` bytes at `offset`; throws if they are not all there.
    public func read(offset: Int64, count: Int, what: String) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, Int64(count) <= size - offset else {
            throw .malformed(path: name, location: what,
                             reason: "\(count) bytes at offset \(offset) run past the end of the \(size)-byte file (truncated?)")
        }
        if let memory { return Array(memory[Int(offset)..<Int(offset) + count]) }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: name, operation: "read \(what)", errno: errno)
            }
            if n == 0 { throw .malformed(path: name, location: what, reason: "the file ended early (truncated while reading?)") }
            done += n
        }
        return out
    }
}
