import TallySystem
import TallyFormat
/// The file footer, `FileMetaData` in parquet.thrift: schema, row groups and where every
/// column chunk is.
package struct ParquetFileMetaData: Sendable, Hashable {
    /// Format version (Tally writes 2: logical types and RLE_DICTIONARY).
    package var version: Int32
    /// The flattened schema, root first.
    package var schema: [ParquetSchemaElement]
    /// Rows in the file.
    package var numRows: Int64
    /// The row groups.
    package var rowGroups: [ParquetRowGroup]
    /// Application metadata.
    package var keyValueMetadata: [ParquetKeyValue]
    /// `<application> version <version>`.
    package var createdBy: String?
    /// Number of leaf columns that declare TYPE_ORDER for their statistics (written as
    /// one `ColumnOrder` per leaf; readers only need to know they exist).
    package var typeDefinedOrderColumns: Int

    /// Creates file metadata.
    package init(version: Int32 = 2, schema: [ParquetSchemaElement], numRows: Int64, rowGroups: [ParquetRowGroup],
                keyValueMetadata: [ParquetKeyValue] = [], createdBy: String? = nil, typeDefinedOrderColumns: Int = 0) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.typeDefinedOrderColumns = typeDefinedOrderColumns
    }

    /// The thrift compact encoding.
    package func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.field(1, i32: version)
        w.fieldHeader(2, .list)
        w.listHeader(count: schema.count, .structure)
        for s in schema { s.encode(into: &w) }
        w.field(3, i64: numRows)
        w.fieldHeader(4, .list)
        w.listHeader(count: rowGroups.count, .structure)
        for (i, g) in rowGroups.enumerated() { g.encode(into: &w, ordinal: Int16(exactly: i)) }
        if !keyValueMetadata.isEmpty {
            w.fieldHeader(5, .list)
            w.listHeader(count: keyValueMetadata.count, .structure)
            for kv in keyValueMetadata { kv.encode(into: &w) }
        }
        if let createdBy { w.field(6, string: createdBy) }
        if typeDefinedOrderColumns > 0 {
            w.fieldHeader(7, .list)
            w.listHeader(count: typeDefinedOrderColumns, .structure)
            for _ in 0..<typeDefinedOrderColumns {
                w.beginStruct()
                w.emptyStructField(1)  // TYPE_ORDER
                w.endStruct()
            }
        }
        w.endStruct()
        return w.bytes
    }

    /// Decodes a footer.
    package init(decoding bytes: [UInt8]) throws(ParquetError) {
        var r = ThriftCompactReader(bytes)
        var version: Int32 = 1
        var schema = [ParquetSchemaElement](), rowGroups = [ParquetRowGroup](), kv = [ParquetKeyValue]()
        var numRows: Int64?
        var orders = 0
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): version = try r.readI32()
            case (2, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n { if et == .structure { schema.append(try ParquetSchemaElement(from: &r)) } else { try r.skip(et) } }
            case (3, .i64): numRows = try r.readI64()
            case (4, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n { if et == .structure { rowGroups.append(try ParquetRowGroup(from: &r)) } else { try r.skip(et) } }
            case (5, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n { if et == .structure { kv.append(try ParquetKeyValue(from: &r)) } else { try r.skip(et) } }
            case (6, .binary): createdBy = try r.readString()
            case (7, .list):
                let (n, et) = try r.readListHeader()
                for _ in 0..<n { try r.skip(et) }
                orders = n
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let numRows else { throw ParquetError.decoding("file metadata without num_rows") }
        guard !schema.isEmpty else { throw ParquetError.decoding("file metadata without a schema") }
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = kv
        self.typeDefinedOrderColumns = orders
    }
}
