import TallySystem
import TallyFormat
/// One node of the flattened schema tree, `SchemaElement` in parquet.thrift. The first
/// element is the root (a group with `numChildren`); Tally's files are flat, so every
/// other element is a leaf column.
package struct ParquetSchemaElement: Sendable, Hashable {
    /// Physical type; nil for groups.
    package var type: ParquetPhysicalType?
    /// Byte length of FIXED_LEN_BYTE_ARRAY values.
    package var typeLength: Int32?
    /// Required or optional; nil for the root.
    package var repetition: ParquetRepetition?
    /// The column (or group) name.
    package var name: String
    /// Number of children, for groups.
    package var numChildren: Int32?
    /// The legacy converted type (`ConvertedType` value), written beside the logical type
    /// for older readers.
    package var convertedType: Int32?
    /// Decimal scale (legacy, mirrors the logical type).
    package var scale: Int32?
    /// Decimal precision (legacy, mirrors the logical type).
    package var precision: Int32?
    /// The logical type.
    package var logicalType: ParquetLogicalType?

    /// Creates an element.
    package init(name: String, type: ParquetPhysicalType? = nil, repetition: ParquetRepetition? = nil,
                logicalType: ParquetLogicalType? = nil, convertedType: Int32? = nil, numChildren: Int32? = nil) {
        self.name = name
        self.type = type
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType
        self.numChildren = numChildren
        if case let .decimal(s, p) = logicalType { scale = s; precision = p }
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.field(1, i32: type.rawValue) }
        if let typeLength { w.field(2, i32: typeLength) }
        if let repetition { w.field(3, i32: repetition.rawValue) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: numChildren) }
        if let convertedType { w.field(6, i32: convertedType) }
        if let scale { w.field(7, i32: scale) }
        if let precision { w.field(8, i32: precision) }
        if let logicalType {
            w.fieldHeader(10, .structure)
            logicalType.encode(into: &w)
        }
        w.endStruct()
    }

    init(from r: inout ThriftCompactReader) throws(ParquetError) {
        var name: String?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32):
                let raw = try r.readI32()
                guard let pt = ParquetPhysicalType(rawValue: raw) else { throw ParquetError.decoding("unknown physical type \(raw)") }
                type = pt
            case (2, .i32): typeLength = try r.readI32()
            case (3, .i32):
                let raw = try r.readI32()
                guard let rep = ParquetRepetition(rawValue: raw) else { throw ParquetError.decoding("unknown repetition \(raw)") }
                repetition = rep
            case (4, .binary): name = try r.readString()
            case (5, .i32): numChildren = try r.readI32()
            case (6, .i32): convertedType = try r.readI32()
            case (7, .i32): scale = try r.readI32()
            case (8, .i32): precision = try r.readI32()
            case (10, .structure): logicalType = try ParquetLogicalType(from: &r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let name else { throw ParquetError.decoding("schema element without a name") }
        self.name = name
    }
}
