import TallySystem
import TallyFormat
/// One column of one row group, `ColumnChunk` in parquet.thrift. Tally writes the
/// metadata inline (never in another file).
package struct ParquetColumnChunk: Sendable, Hashable {
    /// Set when the chunk lives in another file (not supported when reading).
    package var filePath: String?
    /// Deprecated offset of the chunk's metadata; writers put the first page's offset.
    package var fileOffset: Int64
    /// The chunk's metadata.
    package var metaData: ParquetColumnMetaData?

    /// Creates a column chunk.
    package init(fileOffset: Int64, metaData: ParquetColumnMetaData) {
        self.fileOffset = fileOffset
        self.metaData = metaData
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let filePath { w.field(1, string: filePath) }
        w.field(2, i64: fileOffset)
        if let metaData {
            w.fieldHeader(3, .structure)
            metaData.encode(into: &w)
        }
        w.endStruct()
    }

    init(from r: inout ThriftCompactReader) throws(ParquetError) {
        var offset: Int64 = 0
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .binary): filePath = try r.readString()
            case (2, .i64): offset = try r.readI64()
            case (3, .structure): metaData = try ParquetColumnMetaData(from: &r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        fileOffset = offset
    }
}
