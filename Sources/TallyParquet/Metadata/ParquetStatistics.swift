import TallySystem
import TallyFormat
/// Column-chunk (or page) statistics, `Statistics` in parquet.thrift.
///
/// `minValue`/`maxValue` are the PLAIN encoding of the value without a length prefix,
/// ordered as the column's logical type orders them (signed for integers and decimals on
/// integers, unsigned bytewise for strings). The older `min`/`max` fields are read but
/// never written: their order was undefined for byte arrays.
package struct ParquetStatistics: Sendable, Hashable {
    /// Deprecated maximum (field 1).
    package var max: [UInt8]?
    /// Deprecated minimum (field 2).
    package var min: [UInt8]?
    /// Number of nulls.
    package var nullCount: Int64?
    /// Number of distinct values, when known.
    package var distinctCount: Int64?
    /// Maximum value, PLAIN-encoded.
    package var maxValue: [UInt8]?
    /// Minimum value, PLAIN-encoded.
    package var minValue: [UInt8]?

    /// Creates statistics.
    package init(nullCount: Int64? = nil, minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil) {
        self.nullCount = nullCount
        self.minValue = minValue
        self.maxValue = maxValue
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let max { w.field(1, binary: max) }
        if let min { w.field(2, binary: min) }
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
        w.endStruct()
    }

    init(from r: inout ThriftCompactReader) throws(ParquetError) {
        try r.beginStruct()
        while let (id, type) = try r.readFieldHeader() {
            switch (id, type) {
            case (1, .binary): max = try r.readBinary()
            case (2, .binary): min = try r.readBinary()
            case (3, .i64): nullCount = try r.readI64()
            case (4, .i64): distinctCount = try r.readI64()
            case (5, .binary): maxValue = try r.readBinary()
            case (6, .binary): minValue = try r.readBinary()
            default: try r.skip(type)
            }
        }
        r.endStruct()
    }
}
