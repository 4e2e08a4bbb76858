import TallySystem
import TallyFormat
/// The on-disk frame of one activity event in `activity/<project>/<YYYY-MM>.log`.
///
/// A log is a sequence of frames, appended and fsynced before the append returns:
///
/// | offset | size | meaning                                              |
/// |--------|------|------------------------------------------------------|
/// | 0      | 4    | payload length, UInt32 little-endian (17 in this version) |
/// | 4      | 4    | CRC32C of the payload, UInt32 little-endian          |
/// | 8      | 8    | ts, Int64 little-endian, ms since the epoch UTC      |
/// | 16     | 1    | kind code (`ActivityKind.code`)                       |
/// | 17     | 8    | amount, Int64 little-endian (iterations; 1 otherwise) |
///
/// The project is the folder's (its name is in the folder's `PROJECT` file). A crash
/// during an append can leave a torn last frame: short, or failing its CRC while
/// reaching the end of the file. Readers stop before it; a writer truncates it away.
enum ActivityFrame {
    static let payloadSize = 17
    static let size = 8 + payloadSize

    /// Appends the frame of (`ts`, `kind`) to `out`.
    static func encode(ts: Int64, kind: ActivityKind, into out: inout [UInt8]) {
        var payload = [UInt8]()
        payload.reserveCapacity(payloadSize)
        appendLE(UInt64(bitPattern: ts), 8, &payload)
        payload.append(kind.code)
        appendLE(UInt64(bitPattern: kind.amount), 8, &payload)
        appendLE(UInt64(payloadSize), 4, &out)
        appendLE(UInt64(CRC32C.checksum(payload)), 4, &out)
        out.append(contentsOf: payload)
    }

    /// What `decode` found at an offset.
    enum Decoded {
        /// A valid frame, and the offset after it.
        case event(ts: Int64, kind: ActivityKind, next: Int)
        /// A frame cut short, or bad and reaching the end: a torn append.
        case tornTail
        /// A bad frame with more bytes after it: damage, not a torn append.
        case corrupt(String)
        /// Nothing more.
        case end
    }

    /// Decodes the frame at `offset` of `bytes` (the first `length` of them count).
    static func decode(_ bytes: [UInt8], at offset: Int, length: Int) -> Decoded {
        if offset >= length { return .end }
        guard length - offset >= size else { return .tornTail }
        let declared = Int(readLE(bytes, offset, 4))
        let crc = UInt32(readLE(bytes, offset + 4, 4))
        let reachesEnd = offset + size >= length
        guard declared == payloadSize else {
            return reachesEnd ? .tornTail : .corrupt("frame length \(declared), expected \(payloadSize)")
        }
        let actual = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(offset + 8)..<(offset + size)])) }
        guard actual == crc else { return reachesEnd ? .tornTail : .corrupt("CRC32C mismatch") }
        let ts = Int64(bitPattern: readLE(bytes, offset + 8, 8))
        let code = bytes[offset + 16]
        let amount = Int64(bitPattern: readLE(bytes, offset + 17, 8))
        guard let kind = ActivityKind(code: code, amount: amount) else {
            return .corrupt("unknown kind code \(code) (written by a newer version?)")
        }
        return .event(ts: ts, kind: kind, next: offset + size)
    }

    private static func appendLE(_ v: UInt64, _ n: Int, _ out: inout [UInt8]) {
        for i in 0..<n { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    private static func readLE(_ b: [UInt8], _ at: Int, _ n: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(b[at + i]) << (8 * UInt64(i)) }
        return v
    }
}
