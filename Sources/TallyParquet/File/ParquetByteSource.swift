#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat

/// Random access to a Parquet file's bytes: a file read with `pread` (only the footer
/// and the row group being decoded are in memory), or bytes already in memory (standard
/// input, tests).
package final class ParquetByteSource: @unchecked Sendable {
    private let fd: Int32
    private let fs: FileSystem
    private let memory: [UInt8]?
    /// The name used in errors.
    package let name: String
    /// The size in bytes.
    package let size: Int64

    /// Opens a file, through `fileSystem` (the seam tests inject faults into).
    package init(path: String, fileSystem: FileSystem = FileSystem()) throws(ParquetError) {
        fs = fileSystem
        do {
            fd = try fileSystem.open(path, flags: O_RDONLY)
        } catch {
            throw .system(error, path: path, operation: "open the file")
        }
        do {
            size = Int64(try fileSystem.size(fd, path: path))
        } catch {
            fileSystem.close(fd)
            throw .system(error, path: path, operation: "stat the file")
        }
        memory = nil
        name = path
    }

    /// Wraps bytes in memory.
    package init(bytes: [UInt8], name: String) {
        fd = -1
        fs = FileSystem()
        memory = bytes
        self.name = name
        size = Int64(bytes.count)
    }

    deinit {
        if fd >= 0 { fs.close(fd) }
    }

    /// `count` bytes at `offset`; throws if they are not all there.
    package func read(offset: Int64, count: Int, what: String) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, Int64(count) <= size - offset else {
            throw .malformed(path: name, location: what,
                             reason: "\(count) bytes at offset \(offset) run past the end of the \(size)-byte file (truncated?)")
        }
        if let memory { return Array(memory[Int(offset)..<Int(offset) + count]) }
        var out = [UInt8](repeating: 0, count: count)
        do {
            try out.withMutableBytes { (b) throws(StorageError) in try fs.read(fd, path: name, offset: Int(offset), into: b) }
        } catch {
            if case .corrupt = error { throw .malformed(path: name, location: what, reason: "the file ended early (truncated while reading?)") }
            throw .system(error, path: name, operation: "read \(what)")
        }
        return out
    }
}
