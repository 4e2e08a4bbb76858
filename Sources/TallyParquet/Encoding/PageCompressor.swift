import CZstd
import TallySystem
import TallyFormat

/// Compresses and decompresses page bodies. Writes use Zstandard; reads accept
/// UNCOMPRESSED, SNAPPY (Tally's own decoder) and ZSTD. One instance per thread: it owns
/// reusable Zstandard contexts.
package final class PageCompressor {
    private var cctx: OpaquePointer?
    private var dctx: OpaquePointer?
    /// The Zstandard level for writing (3 is zstd's default: fast, and pages are small).
    package let zstdLevel: Int32

    /// Creates a compressor.
    package init(zstdLevel: Int32 = 3) {
        self.zstdLevel = zstdLevel
    }

    deinit {
        if let cctx { ZSTD_freeCCtx(cctx) }
        if let dctx { ZSTD_freeDCtx(dctx) }
    }

    /// A Zstandard frame holding `input`.
    package func zstdCompress(_ input: [UInt8]) -> [UInt8] {
        if cctx == nil { cctx = ZSTD_createCCtx() }
        let bound = ZSTD_compressBound(input.count)
        var out = [UInt8](repeating: 0, count: bound)
        let ctx = cctx
        let level = zstdLevel
        let n = input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                ZSTD_compressCCtx(ctx, dst.baseAddress, bound, src.baseAddress, input.count, level)
            }
        }
        // Compressing into a buffer of compressBound bytes cannot fail but for memory.
        precondition(ZSTD_isError(n) == 0, "ZSTD_compressCCtx failed: \(String(cString: ZSTD_getErrorName(n)))")
        out.removeSubrange(n...)
        return out
    }

    /// Decompresses a page body of `codec` into exactly `uncompressedSize` bytes.
    package func decompress(_ input: UnsafeRawBufferPointer, codec: ParquetCompressionCodec,
                           uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        switch codec {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw ParquetError.decoding("uncompressed page of \(input.count) bytes, header says \(uncompressedSize)")
            }
            return Array(input)
        case .snappy:
            let out = try SnappyDecoder.decompress(input)
            guard out.count == uncompressedSize else {
                throw ParquetError.decoding("Snappy page decodes to \(out.count) bytes, header says \(uncompressedSize)")
            }
            return out
        case .zstd:
            if dctx == nil { dctx = ZSTD_createDCtx() }
            let ctx = dctx
            var status = 0
            let out = [UInt8](unsafeUninitializedCapacity: max(uncompressedSize, 1)) { buf, initialized in
                let n = ZSTD_decompressDCtx(ctx, buf.baseAddress, uncompressedSize, input.baseAddress, input.count)
                status = n
                initialized = ZSTD_isError(n) == 0 && n == uncompressedSize ? n : 0
            }
            guard ZSTD_isError(status) == 0, status == uncompressedSize else {
                let why = ZSTD_isError(status) != 0 ? String(cString: ZSTD_getErrorName(status)) : "\(status) bytes"
                throw ParquetError.decoding("Zstandard page does not decode to the \(uncompressedSize) bytes its header says (\(why))")
            }
            return out
        default:
            throw ParquetError.decoding("pages compressed with \(codec) are not supported (Tally reads UNCOMPRESSED, SNAPPY and ZSTD); rewrite the file with one of those", unsupported: true)
        }
    }
}
