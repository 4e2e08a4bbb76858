#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// The buffered destination of a record writer: a file descriptor, or memory.
///
/// Formatting appends to `bytes`; once it holds `flushThreshold` bytes they go to the
/// descriptor in one `write` through the `FileSystem` seam. A memory buffer is never
/// flushed; its owner takes the bytes.
struct RecordOutputBuffer: ~Copyable {
    var bytes: [UInt8] = []
    /// Bytes handed to the descriptor so far.
    private(set) var bytesWritten: Int64 = 0
    private let fd: Int32
    private let fs: FileSystem
    private let name: String
    private let flushThreshold: Int

    init(fd: Int32, name: String, bufferSize: Int, fileSystem: FileSystem) {
        self.fd = fd
        self.fs = fileSystem
        self.name = name
        self.flushThreshold = max(1, bufferSize)
        bytes.reserveCapacity(flushThreshold + 4096)
    }

    init() {
        self.fd = -1
        self.fs = FileSystem()
        self.name = "<memory>"
        self.flushThreshold = .max
    }

    deinit {
        // Best effort for writers dropped without `flush()`; `flush()` reports failures.
        if fd >= 0 && !bytes.isEmpty { _ = try? writeAll() }
    }

    @inline(__always)
    mutating func flushIfFull() throws(RecordExportError) {
        if bytes.count >= flushThreshold { try flush() }
    }

    mutating func flush() throws(RecordExportError) {
        guard fd >= 0, !bytes.isEmpty else { return }
        try writeAll()
        bytesWritten += Int64(bytes.count)
        bytes.removeAll(keepingCapacity: true)
    }

    private func writeAll() throws(RecordExportError) {
        do {
            try bytes.withBytes { (raw) throws(StorageError) in try fs.write(fd, path: name, raw) }
        } catch {
            let failure = error.errno ?? EIO
            throw RecordExportError(file: name, errno: failure,
                                    message: "cannot be written: \(String(cString: strerror(failure))); check free space and permissions")
        }
    }

    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
