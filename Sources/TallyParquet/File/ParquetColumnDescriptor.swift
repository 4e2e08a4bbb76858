import TallySystem
import TallyFormat
/// A leaf column as a reader sees it: its schema element and its position.
package struct ParquetColumnDescriptor: Sendable, Hashable {
    /// The column's index among the leaves (and in each row group's chunk list).
    package var index: Int
    /// The schema element.
    package var element: ParquetSchemaElement

    /// The column name.
    package var name: String { element.name }
    /// The physical type.
    package var physicalType: ParquetPhysicalType { element.type ?? .byteArray }
    /// 1 for an optional column (definition levels present), 0 for a required one.
    package var maxDefinitionLevel: Int { element.repetition == .optional ? 1 : 0 }

    /// Creates a descriptor.
    package init(index: Int, element: ParquetSchemaElement) {
        self.index = index
        self.element = element
    }
}
