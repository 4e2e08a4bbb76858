import TallySystem
import TallyFormat
/// A leaf column of a file Tally writes: its name, types, nullability and whether its
/// values are dictionary-encoded.
package struct ParquetColumnSpec: Sendable, Hashable {
    /// The column name.
    package var name: String
    /// The physical type (INT32, INT64, DOUBLE or BYTE_ARRAY for Tally's writer).
    package var physicalType: ParquetPhysicalType
    /// Required or optional.
    package var repetition: ParquetRepetition
    /// The logical type, if any.
    package var logicalType: ParquetLogicalType?
    /// The legacy converted type that mirrors `logicalType`, for older readers.
    package var convertedType: Int32?
    /// Dictionary-encode the column (low-cardinality columns); a dictionary that grows
    /// past `ParquetFileWriter.Options.maxDictionaryBytes` falls back to PLAIN.
    package var dictionary: Bool

    /// Creates a column spec.
    package init(name: String, physicalType: ParquetPhysicalType, repetition: ParquetRepetition,
                logicalType: ParquetLogicalType? = nil, convertedType: Int32? = nil, dictionary: Bool = false) {
        self.name = name
        self.physicalType = physicalType
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType
        self.dictionary = dictionary
    }

    /// The schema element describing this column.
    package var schemaElement: ParquetSchemaElement {
        ParquetSchemaElement(name: name, type: physicalType, repetition: repetition, logicalType: logicalType, convertedType: convertedType)
    }
}
