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

/// A window of bytes over a file descriptor or an in-memory array, refilled block by block.
/// A descriptor is read through the `FileSystem` seam, one call per block.
///
/// The readers parse `[start, end)` in place and call `fill()` when a record runs past
/// `end`: the unparsed tail moves to the front and one more block is read after it. The
/// buffer grows only when a single record is longer than what is buffered, so memory is
/// bounded by (longest record + block size), whatever the file size.
struct RecordByteSource: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// First unconsumed byte.
    var start = 0
    /// One past the last valid byte.
    private(set) var end = 0
    /// No more bytes will come: `[start, end)` is all that is left.
    private(set) var atEOF = false
    /// Bytes taken from the file so far (for progress display).
    private(set) var bytesRead: Int64 = 0
    /// The hash of every byte taken so far, in order: once `atEOF`, the content of the
    /// whole input (`FileIdentity`), with no second read of the file.
    private(set) var contentHash = ContentHasher()

    private let fd: Int32
    private let fs: FileSystem
    private let closeOnDeinit: Bool
    private let memory: [UInt8]
    private var memoryOffset = 0
    private var pending: [UInt8]
    private let blockSize: Int
    private let maxRecordBytes: Int
    let name: String

    /// Reads from `fd` through `fileSystem`; `initialBytes` were already read from it (e.g.
    /// to sniff the format).
    init(fd: Int32, fileSystem: FileSystem, closeOnDeinit: Bool, initialBytes: [UInt8], name: String, options: RecordImportOptions) {
        self.fd = fd
        self.fs = fileSystem
        self.closeOnDeinit = closeOnDeinit
        self.memory = []
        self.pending = initialBytes
        self.name = name
        self.blockSize = options.blockSize
        self.maxRecordBytes = options.maxRecordBytes
        self.capacity = max(options.blockSize, 16)
        self.base = .allocate(capacity: capacity)
    }

    /// Serves `bytes` block by block, exactly as a file would be.
    init(bytes: [UInt8], name: String, options: RecordImportOptions) {
        self.fd = -1
        self.fs = FileSystem()
        self.closeOnDeinit = false
        self.memory = bytes
        self.pending = []
        self.name = name
        self.blockSize = options.blockSize
        self.maxRecordBytes = options.maxRecordBytes
        self.capacity = max(options.blockSize, 16)
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
        if closeOnDeinit && fd >= 0 { fs.close(fd) }
    }

    /// Reads one more block after the unconsumed bytes. Returns `false` at end of file.
    ///
    /// `recordLine` is only used to report a record that outgrows `maxRecordBytes`.
    mutating func fill(recordLine: Int) throws(RecordImportError) -> Bool {
        if atEOF { return false }
        let live = end - start
        if start > 0 {
            if live > 0 { (base).update(from: base + start, count: live) }
            start = 0
            end = live
        }
        if live >= maxRecordBytes {
            throw RecordImportError(
                file: name, line: recordLine, kind: .recordTooLong,
                message: "record is longer than \(maxRecordBytes) bytes; look for an unbalanced quote, or raise maxRecordBytes")
        }
        if capacity - end < blockSize {
            var newCapacity = capacity
            while newCapacity - end < blockSize { newCapacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: base, count: end)
            base.deallocate()
            base = grown
            capacity = newCapacity
        }
        let n = try readBlock(into: base + end, count: blockSize)
        if n == 0 {
            atEOF = true
            return false
        }
        contentHash.update(UnsafeRawBufferPointer(start: base + end, count: n))
        end += n
        bytesRead += Int64(n)
        return true
    }

    /// Drops the bytes from `start` through the next line feed, reading on (without
    /// holding what it reads) as far as that takes. Returns `false` when the input ends
    /// first. A reader skipping bad lines calls it after a record too long to hold: the
    /// reading resumes on the line after the one the record began on.
    mutating func skipLine() throws(RecordImportError) -> Bool {
        while true {
            if start < end, let found = memchr(base + start, 0x0A, end - start) {
                start = UnsafeMutableRawPointer(base).distance(to: found) + 1
                return true
            }
            start = end
            if try !fill(recordLine: 0) { return false }
        }
    }

    private mutating func readBlock(into p: UnsafeMutablePointer<UInt8>, count: Int) throws(RecordImportError) -> Int {
        if !pending.isEmpty {
            let n = min(count, pending.count)
            pending.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: n) }
            pending.removeFirst(n)
            return n
        }
        if fd < 0 {
            let n = min(count, memory.count - memoryOffset)
            if n > 0 {
                memory.withUnsafeBufferPointer { p.update(from: $0.baseAddress! + memoryOffset, count: n) }
                memoryOffset += n
            }
            return n
        }
        do {
            return try fs.readSome(fd, path: name, into: UnsafeMutableRawBufferPointer(start: p, count: count))
        } catch {
            let e = error.errno ?? EIO
            throw RecordImportError(
                file: name, line: 0, kind: .io(errno: e),
                message: "cannot be read: \(String(cString: strerror(e))); check the file and try again")
        }
    }

    /// Opens `path` for reading through `fileSystem`, with an error that names the file
    /// and the reason.
    static func open(path: String, fileSystem: FileSystem) throws(RecordImportError) -> Int32 {
        do {
            return try fileSystem.open(path, flags: O_RDONLY)
        } catch {
            let e = error.errno ?? EIO
            throw RecordImportError(
                file: path, line: 0, kind: .io(errno: e),
                message: "cannot be opened: \(String(cString: strerror(e))); check the path and its permissions")
        }
    }
}
