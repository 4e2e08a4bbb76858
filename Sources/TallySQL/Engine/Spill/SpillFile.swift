import Foundation

/// One temporary file of blocks: written front to back, then read front to back (a sorted
/// run, a hash partition). Each block is a little-endian UInt64 length, then that many
/// bytes (one encoded chunk, see `ChunkCodec`).
///
/// Writes are buffered (`bufferSize`), so a spill of many small blocks makes few calls.
final class SpillFile {
    static let bufferSize = 1 << 20
    let path: String
    private var fd: Int32
    private var pending: [UInt8] = []
    /// Bytes written to the file (excluding `pending`).
    private var written = 0
    /// Blocks appended.
    private(set) var blockCount = 0

    init(path: String) throws(SpillError) {
        self.path = path
        fd = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SpillError("create", path, errno: errno) }
        pending.reserveCapacity(Self.bufferSize)
    }

    /// Bytes in the file so far.
    var size: Int { written + pending.count }

    /// Appends one block.
    func append(_ block: [UInt8]) throws(SpillError) {
        var length = UInt64(block.count).littleEndian
        withUnsafeBytes(of: &length) { pending.append(contentsOf: $0) }
        pending.append(contentsOf: block)
        blockCount += 1
        if pending.count >= Self.bufferSize { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws(SpillError) {
        var done = 0
        while done < pending.count {
            let n = pending.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(written + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SpillError("write", path, errno: n < 0 ? errno : ENOSPC) }
            done += n
        }
        written += done
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads the blocks back in order (call after the last `append`).
    func reader() throws(SpillError) -> Reader {
        try flush()
        pending = []
        return Reader(file: self)
    }

    /// Reads `count` bytes at `offset`.
    fileprivate func read(_ count: Int, at offset: Int) throws(SpillError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw n < 0 ? SpillError("read", path, errno: errno) : SpillError("read", path, reason: "the file ends early") }
            done += n
        }
        return out
    }

    /// Closes and deletes the file.
    func remove() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
        unlink(path)
    }

    deinit {
        remove()
    }

    /// Reads a file's blocks in the order they were written.
    struct Reader {
        let file: SpillFile
        private var offset = 0

        init(file: SpillFile) { self.file = file }

        /// The next block, or nil after the last.
        mutating func next() throws(SpillError) -> [UInt8]? {
            guard offset < file.written else { return nil }
            let header = try file.read(8, at: offset)
            let length = header.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
            let block = try file.read(length, at: offset + 8)
            offset += 8 + length
            return block
        }
    }
}
