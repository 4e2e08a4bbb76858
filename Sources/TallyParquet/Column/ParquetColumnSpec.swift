import TallySystem
import TallyFormat
/// A leaf column of a file Tally writes: its name, types, nullability and whether its
/// values are dictionary-encoded.
public struct ParquetColumnSpec: Sendable, Hashable {
    /// The column name.
    public var name: String
    /// The physical type (INT32, INT64, DOUBLE or BYTE_ARRAY for Tally's writer).
    public var physicalType: ParquetPhysicalType
    /// Required or optional.
    public var repetition: ParquetRepetition
    /// The logical type, if any.
    public var logicalType: ParquetLogicalType?
    /// The legacy converted type that mirrors `logicalType`, for older readers.
    public var convertedType: Int32?
    /// Dictionary-encode the column (low-cardinality columns); a dictionary that grows
    /// past `ParquetFileWriter.Options.maxDictionaryBytes` falls back to PLAIN.
    public var dictionary: Bool

    /// Creates a column spec.
    public init(name: String, physicalType: ParquetPhysicalType, repetition: ParquetRepetition,
                logicalType: ParquetLogicalType? = nil, convertedType: Int32? = nil, dictionary: Bool = false) {
        self.name = name
        self.physicalType = physicalType
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType
        self.dictionary = dictionary
    }

    /// The schema element describing this column.
    public var schemaElement: ParquetSchemaElement {
        ParquetSchemaElement(name: name, type: physicalType, repetition: repetition, logicalType: logicalType, convertedType: convertedType)
    }
}
