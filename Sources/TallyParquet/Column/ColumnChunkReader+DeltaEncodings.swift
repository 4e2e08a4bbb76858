import TallySystem
import TallyFormat
/// The encodings data pages v2 bring (DuckDB's `PARQUET_VERSION V2`, parquet-mr and
/// Spark): DELTA_BINARY_PACKED integers, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY
/// strings, BYTE_STREAM_SPLIT floats and integers.
extension ColumnChunkReader {
    /// Whether `decodeDeltaOrSplit` reads `encoding`.
    static func isDeltaOrSplit(_ encoding: ParquetEncoding) -> Bool {
        [.deltaBinaryPacked, .deltaLengthByteArray, .deltaByteArray, .byteStreamSplit].contains(encoding)
    }

    /// Appends the `n` values of `body` from `p` in `encoding` to the storage of `type`.
    func decodeDeltaOrSplit(_ body: [UInt8], _ p: Int, _ n: Int, _ encoding: ParquetEncoding, _ type: ParquetPhysicalType,
                            _ i32: inout [Int32], _ i64: inout [Int64], _ dbl: inout [Double], _ flt: inout [Float],
                            _ pool: inout ParquetByteArrayPool, _ indices: inout [Int32],
                            _ fail: (String) -> ParquetError) throws(ParquetError) {
        let refused = "\(type) values encoded as \(encoding) are not supported"
        do {
            try body.withRawBytes { (raw) throws(ParquetError) in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[p...])
                switch encoding {
                case .deltaBinaryPacked:
                    switch type {
                    case .int64:
                        try DeltaBinaryPackedDecoder.decode(bytes, count: n, into: &i64)
                    case .int32:
                        var wide: [Int64] = []
                        try DeltaBinaryPackedDecoder.decode(bytes, count: n, into: &wide)
                        i32.append(contentsOf: wide.lazy.map { Int32(truncatingIfNeeded: $0) })
                    default: throw ParquetError.decoding(refused, unsupported: true)
                    }
                case .deltaLengthByteArray:
                    guard type == .byteArray else { throw ParquetError.decoding(refused, unsupported: true) }
                    try DeltaByteArrayDecoder.decodeLengths(bytes, count: n, pool: &pool, indices: &indices)
                case .deltaByteArray:
                    guard type == .byteArray || type == .fixedLenByteArray else { throw ParquetError.decoding(refused, unsupported: true) }
                    try DeltaByteArrayDecoder.decodeIncremental(bytes, count: n, pool: &pool, indices: &indices)
                default:  // BYTE_STREAM_SPLIT
                    switch type {
                    case .float:
                        var bits: [UInt32] = []
                        try ByteStreamSplitDecoder.decode(bytes, from: 0, count: n, into: &bits)
                        flt.append(contentsOf: bits.lazy.map(Float.init(bitPattern:)))
                    case .double:
                        var bits: [UInt64] = []
                        try ByteStreamSplitDecoder.decode(bytes, from: 0, count: n, into: &bits)
                        dbl.append(contentsOf: bits.lazy.map(Double.init(bitPattern:)))
                    case .int32:
                        var bits: [UInt32] = []
                        try ByteStreamSplitDecoder.decode(bytes, from: 0, count: n, into: &bits)
                        i32.append(contentsOf: bits.lazy.map { Int32(bitPattern: $0) })
                    case .int64:
                        var bits: [UInt64] = []
                        try ByteStreamSplitDecoder.decode(bytes, from: 0, count: n, into: &bits)
                        i64.append(contentsOf: bits.lazy.map { Int64(bitPattern: $0) })
                    default: throw ParquetError.decoding(refused, unsupported: true)
                    }
                }
            }
        } catch {
            throw ParquetError.decoding(fail(error.reason).reason, unsupported: error.isUnsupported)
        }
    }
}
