import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// The rows of a columnar batch while a reader parses them: plain memory sized for the
/// batch, written one row at a time without the uniqueness and capacity checks of twenty
/// array appends per row, then handed to `UsageColumns` one column at a time.
struct ColumnStage: ~Copyable {
    /// Text columns staged: `project_id` first, then `RecordAssembler`'s text slots.
    static let textColumns = 14

    private(set) var count = 0
    private var capacity = 0
    private var ts: UnsafeMutablePointer<Int64>
    private var quantity: UnsafeMutablePointer<Double>
    private var cost: UnsafeMutablePointer<Int64>
    private var costSource: UnsafeMutablePointer<CostSource>
    /// step_index, duration_ms, parser_version: values, then validity.
    private var integers: UnsafeMutablePointer<Int64>
    private var valid: UnsafeMutablePointer<Bool>
    /// Column-major: text column `k`, row `r` at `k * capacity + r`.
    private var codes: UnsafeMutablePointer<UInt32>

    init() {
        ts = .allocate(capacity: 0)
        quantity = .allocate(capacity: 0)
        cost = .allocate(capacity: 0)
        costSource = .allocate(capacity: 0)
        integers = .allocate(capacity: 0)
        valid = .allocate(capacity: 0)
        codes = .allocate(capacity: 0)
    }

    deinit { deallocate() }

    private func deallocate() {
        ts.deallocate(); quantity.deallocate(); cost.deallocate(); costSource.deallocate()
        integers.deallocate(); valid.deallocate(); codes.deallocate()
    }

    /// Empties the stage and makes room for `rows` rows.
    mutating func begin(rows: Int) {
        count = 0
        guard rows > capacity else { return }
        deallocate()
        capacity = rows
        ts = .allocate(capacity: rows)
        quantity = .allocate(capacity: rows)
        cost = .allocate(capacity: rows)
        costSource = .allocate(capacity: rows)
        integers = .allocate(capacity: rows * 3)
        valid = .allocate(capacity: rows * 3)
        codes = .allocate(capacity: rows * Self.textColumns)
    }

    /// Stages one row; `text(k)` is the code of staged text column `k`.
    @inline(__always)
    mutating func append(
        ts t: Int64, quantity q: Double, cost c: Int64?, stepIndex: Int32?, durationMs: Int64?, parserVersion: Int32?,
        text: (Int) -> UInt32
    ) {
        precondition(count < capacity, "more rows than the batch was begun with")
        let r = count
        ts[r] = t
        quantity[r] = q
        cost[r] = c ?? 0
        costSource[r] = c == nil ? .unpriced : .given
        integers[r] = stepIndex.map(Int64.init) ?? 0
        valid[r] = stepIndex != nil
        integers[capacity + r] = durationMs ?? 0
        valid[capacity + r] = durationMs != nil
        integers[2 * capacity + r] = parserVersion.map(Int64.init) ?? 0
        valid[2 * capacity + r] = parserVersion != nil
        for k in 0..<Self.textColumns { codes[k * capacity + r] = text(k) }
        count = r + 1
    }

    /// Appends the staged rows to `columns`; `slot(k)` is where text column `k` (> 0) goes
    /// in `columns.text`. Leaves the stage empty.
    mutating func move(into columns: inout UsageColumns, slot: (Int) -> Int) {
        let n = count
        func buffer<T>(_ p: UnsafeMutablePointer<T>, _ offset: Int = 0) -> UnsafeBufferPointer<T> {
            UnsafeBufferPointer(start: p + offset, count: n)
        }
        columns.ts.append(contentsOf: buffer(ts))
        columns.quantity.append(contentsOf: buffer(quantity))
        columns.costNanos.append(contentsOf: buffer(cost))
        columns.costSource.append(contentsOf: buffer(costSource))
        columns.stepIndex.values.append(contentsOf: buffer(integers))
        columns.stepIndex.valid.append(contentsOf: buffer(valid))
        columns.durationMs.values.append(contentsOf: buffer(integers, capacity))
        columns.durationMs.valid.append(contentsOf: buffer(valid, capacity))
        columns.parserVersion.values.append(contentsOf: buffer(integers, 2 * capacity))
        columns.parserVersion.valid.append(contentsOf: buffer(valid, 2 * capacity))
        columns.projectId.codes.append(contentsOf: buffer(codes))
        for k in 1..<Self.textColumns { columns.text[slot(k)].codes.append(contentsOf: buffer(codes, k * capacity)) }
        columns.endRows(n)
        count = 0
    }
}
