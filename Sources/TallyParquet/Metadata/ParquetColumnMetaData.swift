import TallySystem
import TallyFormat
/// Where a column chunk's pages are and how they are encoded, `ColumnMetaData` in
/// parquet.thrift.
package struct ParquetColumnMetaData: Sendable, Hashable {
    /// The physical type.
    package var type: ParquetPhysicalType
    /// Every encoding used by the chunk's pages (levels included).
    package var encodings: [ParquetEncoding]
    /// The column's path (one name for a flat schema).
    package var pathInSchema: [String]
    /// Page compression.
    package var codec: ParquetCompressionCodec
    /// Values, nulls included.
    package var numValues: Int64
    /// Bytes of all pages, headers included, before compression.
    package var totalUncompressedSize: Int64
    /// Bytes of all pages, headers included, as stored.
    package var totalCompressedSize: Int64
    /// File offset of the first data page.
    package var dataPageOffset: Int64
    /// File offset of the dictionary page, when there is one.
    package var dictionaryPageOffset: Int64?
    /// Chunk statistics.
    package var statistics: ParquetStatistics?

    /// Creates column metadata.
    package init(type: ParquetPhysicalType, encodings: [ParquetEncoding], pathInSchema: [String], codec: ParquetCompressionCodec,
                numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64,
                dictionaryPageOffset: Int64?, statistics: ParquetStatistics?) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
    }

    /// Where the chunk's first page starts.
    package var firstPageOffset: Int64 {
        if let d = dictionaryPageOffset, d > 0, d < dataPageOffset { return d }
        return dataPageOffset
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: type.rawValue)
        w.fieldHeader(2, .list)
        w.listHeader(count: encodings.count, .i32)
        for e in encodings { w.writeI32(e.rawValue) }
        w.fieldHeader(3, .list)
        w.listHeader(count: pathInSchema.count, .binary)
        for p in pathInSchema { w.writeBinary(Array(p.utf8)) }
        w.field(4, i32: codec.rawValue)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        w.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics {
            w.fieldHeader(12, .structure)
            statistics.encode(into: &w)
        }
        w.endStruct()
    }

    init(from r: inout ThriftCompactReader) throws(ParquetError) {
        var type: ParquetPhysicalType?, codec: ParquetCompressionCodec?
        var numValues: Int64?, uncompressed: Int64?, compressed: Int64?, dataPageOffset: Int64?
        var encodings = [ParquetEncoding](), path = [String]()
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32):
                let raw = try r.readI32()
                guard let pt = ParquetPhysicalType(rawValue: raw) else { throw ParquetError.decoding("unknown physical type \(raw)") }
                type = pt
            case (2, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n {
                    if et == .i32 { encodings.append(ParquetEncoding(rawValue: try r.readI32())) } else { try r.skip(et) }
                }
            case (3, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n {
                    if et == .binary { path.append(try r.readString()) } else { try r.skip(et) }
                }
            case (4, .i32): codec = ParquetCompressionCodec(rawValue: try r.readI32())
            case (5, .i64): numValues = try r.readI64()
            case (6, .i64): uncompressed = try r.readI64()
            case (7, .i64): compressed = try r.readI64()
            case (9, .i64): dataPageOffset = try r.readI64()
            case (11, .i64): dictionaryPageOffset = try r.readI64()
            case (12, .structure): statistics = try ParquetStatistics(from: &r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let type, let codec, let numValues, let uncompressed, let compressed, let dataPageOffset else {
            throw ParquetError.decoding("column metadata lacks a required field (type, codec, num_values, sizes or data_page_offset)")
        }
        self.type = type
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = uncompressed
        self.totalCompressedSize = compressed
        self.dataPageOffset = dataPageOffset
        self.encodings = encodings
        self.pathInSchema = path
    }
}
