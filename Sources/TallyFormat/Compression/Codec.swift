import CLZ4
import CZstd
import TallySystem

/// The block compression applied to an encoded chunk.
///
/// LZ4 is the default (fast to decode, for hot data); Zstandard is for cold or
/// compact stores. `none` is chosen automatically for a chunk that does not shrink.
package enum Codec: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Stored as encoded, uncompressed.
    case none = 0
    /// LZ4 block format.
    case lz4 = 1
    /// Zstandard frame.
    case zstd = 2

    package var description: String {
        switch self {
        case .none: return "none"
        case .lz4: return "lz4"
        case .zstd: return "zstd"
        }
    }

    /// Parses `none`, `lz4` or `zstd`.
    package init?(name: String) {
        switch name.lowercased() {
        case "none": self = .none
        case "lz4": self = .lz4
        case "zstd", "zstandard": self = .zstd
        default: return nil
        }
    }
}

/// Compresses and decompresses blocks. One instance per thread: it owns Zstandard
/// contexts, which are reused across calls as their documentation recommends.
package final class BlockCompressor {
    private var cctx: OpaquePointer?
    private var dctx: OpaquePointer?
    /// LZ4 state reused across blocks: `LZ4_compress_default` builds a fresh 16 KiB
    /// hash table per call, and zeroing it cost more than compressing the small chunks
    /// of a flush (callgrind: 16,400 instructions per call, about 500 per record).
    private var lz4Stream: UnsafeMutablePointer<LZ4_stream_t>?
    /// The Zstandard level used for `.zstd`.
    package let zstdLevel: Int32

    /// Creates a compressor; `zstdLevel` applies to `.zstd`.
    package init(zstdLevel: Int32 = 9) {
        self.zstdLevel = zstdLevel
    }

    deinit {
        if let c = cctx { ZSTD_freeCCtx(c) }
        if let d = dctx { ZSTD_freeDCtx(d) }
        if let s = lz4Stream { LZ4_freeStream(s) }
    }

    /// Compresses `input` with `codec`. Returns the codec actually used: `.none` when
    /// compression would not save at least 1/16 of the bytes.
    package func compress(_ input: [UInt8], codec: Codec) -> (Codec, [UInt8]) {
        guard codec != .none, input.count >= 32 else { return (.none, input) }
        var out: [UInt8]
        switch codec {
        case .none:
            return (.none, input)
        case .lz4:
            if lz4Stream == nil { lz4Stream = LZ4_createStream() }
            let stream = lz4Stream
            let bound = Int(LZ4_compressBound(Int32(input.count)))
            // A fast reset forgets the previous block (no dictionary), so every block
            // stays independent and decodes with `LZ4_decompress_safe`.
            out = [UInt8](unsafeUninitializedCapacity: bound) { dst, initialized in
                LZ4_resetStream_fast(stream)
                let n = input.withUnsafeBytes { src in
                    LZ4_compress_fast_continue(
                        stream, src.baseAddress!.assumingMemoryBound(to: CChar.self),
                        UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self),
                        Int32(input.count), Int32(bound), 1)
                }
                initialized = max(Int(n), 0)
            }
            guard !out.isEmpty else { return (.none, input) }
        case .zstd:
            if cctx == nil { cctx = ZSTD_createCCtx() }
            let bound = ZSTD_compressBound(input.count)
            let ctx = cctx, level = zstdLevel
            var failed = false
            out = [UInt8](unsafeUninitializedCapacity: bound) { dst, initialized in
                let n = input.withUnsafeBytes { src in
                    ZSTD_compressCCtx(ctx, dst.baseAddress, bound, src.baseAddress, input.count, level)
                }
                failed = ZSTD_isError(n) != 0
                initialized = failed ? 0 : n
            }
            guard !failed else { return (.none, input) }
        }
        if out.count > input.count - input.count / 16 { return (.none, input) }
        return (codec, out)
    }

    /// Decompresses `input` (compressed with `codec`) into exactly `rawCount` bytes.
    package func decompress(
        _ input: UnsafeRawBufferPointer, codec: Codec, rawCount: Int, into out: inout [UInt8]
    ) throws(FormatError) {
        out.removeAll(keepingCapacity: true)
        switch codec {
        case .none:
            guard input.count == rawCount else { throw .malformed("stored block of \(input.count) bytes, expected \(rawCount)") }
            out.append(contentsOf: input)
        case .lz4:
            out = [UInt8](unsafeUninitializedCapacity: rawCount) { buf, initialized in
                let n = input.count == 0 ? -1 : LZ4_decompress_safe(
                    input.baseAddress!.assumingMemoryBound(to: CChar.self),
                    UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self),
                    Int32(input.count), Int32(rawCount))
                initialized = n == Int32(rawCount) ? rawCount : 0
            }
            guard out.count == rawCount else { throw .malformed("LZ4 block does not decode to \(rawCount) bytes") }
        case .zstd:
            if dctx == nil { dctx = ZSTD_createDCtx() }
            let ctx = dctx
            var ok = false
            out = [UInt8](unsafeUninitializedCapacity: max(rawCount, 1)) { buf, initialized in
                let n = ZSTD_decompressDCtx(ctx, buf.baseAddress, rawCount, input.baseAddress, input.count)
                ok = ZSTD_isError(n) == 0 && n == rawCount
                initialized = ok ? rawCount : 0
            }
            guard ok else { throw .malformed("Zstandard frame does not decode to \(rawCount) bytes") }
        }
    }
}
