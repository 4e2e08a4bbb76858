import TallySystem
import TallyFormat
/// The logical types Tally writes or interprets, `LogicalType` (a union) in
/// parquet.thrift. Others are kept by field id so that a reader can name them.
package enum ParquetLogicalType: Sendable, Hashable {
    /// UTF-8 text on BYTE_ARRAY (union field 1).
    case string
    /// Exact decimal `unscaled / 10^scale` (field 5).
    case decimal(scale: Int32, precision: Int32)
    /// Days since 1970-01-01 on INT32 (field 6).
    case date
    /// An instant (or local time) on INT64 (field 8).
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    /// An integer of a given width and signedness (field 10).
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Any other logical type, by union field id.
    case other(fieldId: Int16)

    /// The unit of a timestamp, `TimeUnit` in parquet.thrift.
    package enum TimeUnit: Int16, Sendable, Hashable {
        /// Milliseconds.
        case millis = 1
        /// Microseconds.
        case micros = 2
        /// Nanoseconds.
        case nanos = 3
    }

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        switch self {
        case .string:
            w.emptyStructField(1)
        case let .decimal(scale, precision):
            w.fieldHeader(5, .structure)
            w.beginStruct()
            w.field(1, i32: scale)
            w.field(2, i32: precision)
            w.endStruct()
        case .date:
            w.emptyStructField(6)
        case let .timestamp(utc, unit):
            w.fieldHeader(8, .structure)
            w.beginStruct()
            w.field(1, bool: utc)
            w.fieldHeader(2, .structure)
            w.beginStruct()
            w.emptyStructField(unit.rawValue)
            w.endStruct()
            w.endStruct()
        case let .integer(bitWidth, signed):
            w.fieldHeader(10, .structure)
            w.beginStruct()
            w.field(1, byte: bitWidth)
            w.field(2, bool: signed)
            w.endStruct()
        case let .other(id):
            w.emptyStructField(id)
        }
        w.endStruct()
    }

    init?(from r: inout ThriftCompactReader) throws(ParquetError) {
        var result: ParquetLogicalType?
        try r.beginStruct()
        while let (id, type) = try r.readFieldHeader() {
            guard type == .structure else { try r.skip(type); continue }
            switch id {
            case 1: result = .string; try r.skip(type)
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try r.beginStruct()
                while let (fid, ftype) = try r.readFieldHeader() {
                    switch (fid, ftype) {
                    case (1, .i32): scale = try r.readI32()
                    case (2, .i32): precision = try r.readI32()
                    default: try r.skip(ftype)
                    }
                }
                r.endStruct()
                result = .decimal(scale: scale, precision: precision)
            case 6: result = .date; try r.skip(type)
            case 8:
                var utc = false
                var unit = TimeUnit.millis
                try r.beginStruct()
                while let (fid, ftype) = try r.readFieldHeader() {
                    switch (fid, ftype) {
                    case (1, .booleanTrue), (1, .booleanFalse): utc = try r.readBool()
                    case (2, .structure):
                        try r.beginStruct()
                        while let (uid, utype) = try r.readFieldHeader() {
                            if let u = TimeUnit(rawValue: uid) { unit = u }
                            try r.skip(utype)
                        }
                        r.endStruct()
                    default: try r.skip(ftype)
                    }
                }
                r.endStruct()
                result = .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10:
                var width: Int8 = 64, signed = true
                try r.beginStruct()
                while let (fid, ftype) = try r.readFieldHeader() {
                    switch (fid, ftype) {
                    case (1, .byte): width = try r.readByteValue()
                    case (2, .booleanTrue), (2, .booleanFalse): signed = try r.readBool()
                    default: try r.skip(ftype)
                    }
                }
                r.endStruct()
                result = .integer(bitWidth: width, isSigned: signed)
            default:
                result = .other(fieldId: id)
                try r.skip(type)
            }
        }
        r.endStruct()
        guard let result else { return nil }
        self = result
    }
}
