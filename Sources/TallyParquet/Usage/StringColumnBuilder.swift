import TallySystem
import TallyFormat
/// Collects one text column of a row group: each distinct string once in a pool (the
/// future dictionary), an index per non-null value, and which rows are null.
struct StringColumnBuilder {
    private var pool = ParquetByteArrayPool()
    private var ids = [String: Int32]()
    private var indices = [Int32]()
    private var present = [Bool]()
    private var anyNull = false

    mutating func append(_ s: String?) {
        guard let s else {
            present.append(false)
            anyNull = true
            return
        }
        present.append(true)
        if let id = ids[s] {
            indices.append(id)
        } else {
            let id = pool.append(s)
            ids[s] = id
            indices.append(id)
        }
    }

    /// The column so far, and a fresh builder.
    mutating func take() -> ParquetColumnValues {
        let values = ParquetColumnValues(storage: .byteArray(pool: pool, indices: indices), present: anyNull ? present : nil,
                                         rowCount: present.count)
        self = StringColumnBuilder()
        return values
    }
}
