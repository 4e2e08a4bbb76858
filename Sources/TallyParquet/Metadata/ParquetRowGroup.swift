import TallySystem
import TallyFormat
/// A horizontal slice of the file: one chunk per column, `RowGroup` in parquet.thrift.
package struct ParquetRowGroup: Sendable, Hashable {
    /// The column chunks, in schema order.
    package var columns: [ParquetColumnChunk]
    /// Uncompressed bytes of all the column data.
    package var totalByteSize: Int64
    /// Rows in the group.
    package var numRows: Int64
    /// File offset of the group's first page.
    package var fileOffset: Int64?
    /// Stored bytes of all the column data.
    package var totalCompressedSize: Int64?

    /// Creates a row group.
    package init(columns: [ParquetColumnChunk], totalByteSize: Int64, numRows: Int64, fileOffset: Int64?, totalCompressedSize: Int64?) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
    }

    func encode(into w: inout ThriftCompactWriter, ordinal: Int16?) {
        w.beginStruct()
        w.fieldHeader(1, .list)
        w.listHeader(count: columns.count, .structure)
        for c in columns { c.encode(into: &w) }
        w.field(2, i64: totalByteSize)
        w.field(3, i64: numRows)
        if let fileOffset { w.field(5, i64: fileOffset) }
        if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
        if let ordinal {
            w.fieldHeader(7, .i16)
            w.writeI32(Int32(ordinal))
        }
        w.endStruct()
    }

    init(from r: inout ThriftCompactReader) throws(ParquetError) {
        var columns = [ParquetColumnChunk]()
        var totalByteSize: Int64 = 0
        var numRows: Int64?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n {
                    if et == .structure { columns.append(try ParquetColumnChunk(from: &r)) } else { try r.skip(et) }
                }
            case (2, .i64): totalByteSize = try r.readI64()
            case (3, .i64): numRows = try r.readI64()
            case (5, .i64): fileOffset = try r.readI64()
            case (6, .i64): totalCompressedSize = try r.readI64()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let numRows, numRows >= 0 else { throw ParquetError.decoding("row group without a valid num_rows") }
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
    }
}
