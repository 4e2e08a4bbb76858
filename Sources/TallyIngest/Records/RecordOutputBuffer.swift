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
/// descriptor in one `write`. A memory buffer is never flushed; its owner takes the bytes.
struct RecordOutputBuffer: ~Copyable {
    var bytes: [UInt8] = []
    private let fd: Int32
    private let name: String
    private let flushThreshold: Int

    init(fd: Int32, name: String, bufferSize: Int) {
        self.fd = fd
        self.name = name
        self.flushThreshold = max(1, bufferSize)
        bytes.reserveCapacity(flushThreshold + 4096)
    }

    init() {
        self.fd = -1
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
        bytes.removeAll(keepingCapacity: true)
    }

    private func writeAll() throws(RecordExportError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if failure != 0 {
            throw RecordExportError(file: name, errno: failure,
                                    message: "cannot be written: \(String(cString: strerror(failure))); check free space and permissions")
        }
    }

    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
