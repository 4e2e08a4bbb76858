import TallyFormat
import TallyParquet

/// One Parquet column's values, row group after row group, as a column of one SQL type.
struct ParquetColumnReader {
    /// The SQL type.
    let type: LogicalType
    let name: String
    let path: String
    /// Per value: multiply to reach microseconds (timestamps), or 1.
    let timestampScale: (multiply: Int64, divide: Int64)
    var bools: [Bool] = []
    var ints: [Int64] = []
    var huges: [Int128] = []
    var doubles: [Double] = []
    var strings: [String] = []
    var validity: [Bool] = []
    var anyNull = false

    init(_ column: ParquetColumnDescriptor, path: String) throws(FileTableError) {
        name = column.name
        self.path = path
        let e = column.element
        let logical = e.logicalType
        let converted = e.convertedType
        var scale: (Int64, Int64) = (1, 1)
        func refuse(_ what: String) -> FileTableError {
            FileTableError("\(path): column '\(column.name)' is \(what), which Tally's read_parquet does not read",
                           hint: "cast it in the writer to a type docs/sql.md lists for read_parquet")
        }
        if case .decimal(let s, let p)? = logical {
            guard p >= 1, p <= 38, s >= 0, s <= p else { throw refuse("DECIMAL(\(p),\(s))") }
            type = .decimal(width: Int(p), scale: Int(s))
        } else if converted == ParquetConvertedType.decimal {
            let p = Int(e.precision ?? 38), s = Int(e.scale ?? 0)
            guard p >= 1, p <= 38, s >= 0, s <= p else { throw refuse("DECIMAL(\(p),\(s))") }
            type = .decimal(width: p, scale: s)
        } else {
            switch column.physicalType {
            case .boolean: type = .boolean
            case .float, .double: type = .double
            case .int32:
                if case .date? = logical { type = .date } else if converted == ParquetConvertedType.date { type = .date }
                else if case .integer(32, false)? = logical { type = .bigint } else if converted == ParquetConvertedType.uint32 { type = .bigint }
                else if converted == ParquetConvertedType.timeMillis { throw refuse("TIME") } else if case .other? = logical { throw refuse("an INT32 of logical type \(logical!)") }
                else { type = .integer }
            case .int64:
                if case .timestamp(_, let unit)? = logical {
                    type = .timestamp
                    scale = unit == .millis ? (1000, 1) : unit == .micros ? (1, 1) : (1, 1000)
                } else if converted == ParquetConvertedType.timestampMillis { type = .timestamp; scale = (1000, 1) }
                else if converted == ParquetConvertedType.timestampMicros { type = .timestamp }
                else if converted == ParquetConvertedType.timeMicros { throw refuse("TIME") }
                else if case .integer(64, false)? = logical { type = .hugeint } else if converted == ParquetConvertedType.uint64 { type = .hugeint }
                else if case .other? = logical { throw refuse("an INT64 of logical type \(logical!) (TIME?)") }
                else { type = .bigint }
            case .byteArray: type = .varchar
            case .fixedLenByteArray: throw refuse("FIXED_LEN_BYTE_ARRAY without a DECIMAL type (a UUID, a hash)")
            case .int96: throw refuse("an INT96 timestamp (a legacy Impala/Spark type)")
            }
        }
        timestampScale = scale
    }

    /// Appends one row group's values.
    mutating func append(_ v: ParquetColumnValues, rows: Int) throws(FileTableError) {
        if let present = v.present {
            validity.append(contentsOf: present)
            anyNull = true
        } else {
            validity.append(contentsOf: repeatElement(true, count: rows))
        }
        let present = v.present
        func spread<T>(_ values: [T], _ zero: T, into out: inout [T]) { Self.spread(values, present, zero, into: &out) }
        switch (type, v.storage) {
        case (.boolean, .boolean(let b)): spread(b, false, into: &bools)
        case (.double, .double(let d)): spread(d, 0, into: &doubles)
        case (.double, .float(let f)): spread(f.map(Double.init), 0, into: &doubles)
        case (.decimal, .byteArray(let pool, let indices)):
            var unscaled: [Int128] = []
            unscaled.reserveCapacity(indices.count)
            for i in indices {
                let bytes = pool[Int(i)]
                guard !bytes.isEmpty, bytes.count <= 16 else { throw bad("a decimal of \(bytes.count) bytes") }
                var x: Int128 = bytes.first! >= 0x80 ? -1 : 0
                for b in bytes { x = (x << 8) | Int128(b) }
                unscaled.append(x)
            }
            appendIntegers(unscaled, present)
        case (.varchar, .byteArray(let pool, let indices)):
            // Each distinct pool entry is decoded once (dictionary pages make few).
            var decoded = [String?](repeating: nil, count: pool.count)
            var texts: [String] = []
            texts.reserveCapacity(indices.count)
            for i in indices {
                let k = Int(i)
                if decoded[k] == nil {
                    guard let s = pool.string(k) else { throw bad("a value that is not UTF-8 text (binary data)") }
                    decoded[k] = s
                }
                texts.append(decoded[k]!)
            }
            spread(texts, "", into: &strings)
        case (.date, .int32(let x)):
            // Only the days a TIMESTAMP holds (`TemporalText.dayRange`): a later conversion
            // of another would overflow.
            if let far = x.first(where: { !TemporalText.dayRange.contains(Int64($0)) }) {
                throw bad("the date \(far) days from 1970-01-01, outside the range a TIMESTAMP holds")
            }
            appendIntegers(x.map { Int128($0) }, present)
        case (_, .int32(let x)): appendIntegers(x.map { Int128($0) }, present)
        case (.hugeint, .int64(let x)): appendIntegers(x.map { Int128(UInt64(bitPattern: $0)) }, present)
        case (_, .int64(let x)):
            if timestampScale == (1, 1) {
                spread(x, 0, into: &ints)
            } else {
                var micros: [Int64] = []
                micros.reserveCapacity(x.count)
                for t in x {
                    let (m, overflow) = t.multipliedReportingOverflow(by: timestampScale.multiply)
                    guard !overflow else { throw bad("the timestamp \(t) outside TIMESTAMP's range") }
                    micros.append(timestampScale.divide == 1 ? m : floorDivide(m, timestampScale.divide))
                }
                spread(micros, 0, into: &ints)
            }
        default:
            throw bad("values stored as another physical type than its schema says")
        }
    }

    /// Values of the present rows, a placeholder (`zero`) for each NULL row, appended to `out`.
    static func spread<T>(_ values: [T], _ present: [Bool]?, _ zero: T, into out: inout [T]) {
        guard let present else { out.append(contentsOf: values); return }
        out.reserveForAppend(present.count)
        var k = 0
        for p in present {
            if p { out.append(values[k]); k += 1 } else { out.append(zero) }
        }
    }

    /// Integers (INT32 values, unsigned INT64s, decimals' unscaled values) into the
    /// column's storage: Int128 for HUGEINT and wide decimals, Int64 otherwise.
    private mutating func appendIntegers(_ x: [Int128], _ present: [Bool]?) {
        if type.isInt128Backed {
            Self.spread(x, present, 0, into: &huges)
        } else {
            Self.spread(x.map { Int64(truncatingIfNeeded: $0) }, present, 0, into: &ints)
        }
    }

    private func bad(_ what: String) -> FileTableError {
        FileTableError("\(path): column '\(name)' holds \(what)", hint: "check the file with another reader (DuckDB, pyarrow)")
    }

    private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The column.
    func finish() -> ColumnVector {
        let n = validity.count
        let v = anyNull ? validity : nil
        let storage: ColumnVector.Storage
        switch type {
        case .boolean: storage = .bool(bools)
        case .double: storage = .double(doubles)
        case .varchar: storage = .string(strings)
        default: storage = type.isInt128Backed ? .int128(huges) : .int64(ints)
        }
        return ColumnVector(type: type, storage: storage, validity: v, count: n)
    }
}
