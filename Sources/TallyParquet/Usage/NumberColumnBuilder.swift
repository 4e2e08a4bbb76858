import TallySystem
import TallyFormat
/// Collects one numeric column of a row group: the non-null values and which rows are
/// null.
struct NumberColumnBuilder<T: Sendable> {
    private var values = [T]()
    private var present = [Bool]()
    private var anyNull = false

    mutating func append(_ v: T?) {
        if let v {
            values.append(v)
            present.append(true)
        } else {
            present.append(false)
            anyNull = true
        }
    }

    /// The column so far as `wrap` stores it, and a fresh builder.
    mutating func take(_ wrap: ([T]) -> ParquetColumnValues.Storage) -> ParquetColumnValues {
        let out = ParquetColumnValues(storage: wrap(values), present: anyNull ? present : nil, rowCount: present.count)
        self = NumberColumnBuilder()
        return out
    }
}
