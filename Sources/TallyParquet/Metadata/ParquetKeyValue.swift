import TallySystem
import TallyFormat
/// A key/value pair of file or column metadata.
package struct ParquetKeyValue: Sendable, Hashable {
    /// The key.
    package var key: String
    /// The value, if any.
    package var value: String?

    /// Creates a pair.
    package init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, string: key)
        if let value { w.field(2, string: value) }
        w.endStruct()
    }

    init(from r: inout ThriftCompactReader) throws(ParquetError) {
        var key: String?
        try r.beginStruct()
        while let (id, type) = try r.readFieldHeader() {
            switch (id, type) {
            case (1, .binary): key = try r.readString()
            case (2, .binary): value = try r.readString()
            default: try r.skip(type)
            }
        }
        r.endStruct()
        guard let key else { throw ParquetError.decoding("KeyValue without a key") }
        self.key = key
    }
}
