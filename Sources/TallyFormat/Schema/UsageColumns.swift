import TallySystem
/// A batch of usage records held column by column: the form a bulk loader hands to the
/// store, so that no `UsageRecord` (a dozen `String`s, each retained and released) is
/// made per row.
///
/// Each text column holds, per row, a code into that column's `values` for this batch:
/// 0 is null, `k` is `values[k - 1]`. A producer lists each distinct value once per
/// batch, so the store interns a value once per batch and partition, not once per row.
/// `costNanos` is meaningful with `costSource`: an `.unpriced` row waits for pricing
/// (its cost is 0 until then).
package struct UsageColumns: Sendable {
    /// Rows held.
    package var count: Int { rows }
    @usableFromInline var rows = 0
    /// `ts`, milliseconds since the epoch.
    package var ts: [Int64] = []
    /// `quantity`.
    package var quantity: [Double] = []
    /// The cost in nano-USD.
    package var costNanos: [Int64] = []
    /// How each row's cost was obtained.
    package var costSource: [CostSource] = []
    /// `step_index`.
    package var stepIndex = NullableInt64Column()
    /// `duration_ms`.
    package var durationMs = NullableInt64Column()
    /// `parser_version`.
    package var parserVersion = NullableInt64Column()
    /// `project_id` (never null in a valid row).
    package var projectId = TextColumn()
    /// The text columns of `Column.stringColumns`, indexed by `Column.rawValue` (other
    /// slots stay empty).
    package var text = [TextColumn](repeating: TextColumn(), count: PartFooter.columnSlots)

    /// An empty batch.
    package init() {}

    /// The records as one batch, in order (a record without a cost is `.unpriced`).
    package init(_ records: some Sequence<UsageRecord>) {
        // Keyed by bytes: canonically equivalent text of other bytes is another value.
        var codeOf = [[ExactText: UInt32]](repeating: [:], count: PartFooter.columnSlots + 1)
        func code(_ value: String?, _ slot: Int, _ column: inout TextColumn) -> UInt32 {
            guard let value else { return 0 }
            let key = ExactText(value)
            if let known = codeOf[slot][key] { return known }
            column.values.append(value)
            let c = UInt32(column.values.count)
            codeOf[slot][key] = c
            return c
        }
        for r in records {
            ts.append(r.ts)
            quantity.append(r.quantity)
            costNanos.append(r.costNanos ?? 0)
            costSource.append(r.costNanos == nil ? .unpriced : r.costSource)
            stepIndex.append(r.stepIndex.map(Int64.init))
            durationMs.append(r.durationMs)
            parserVersion.append(r.parserVersion.map(Int64.init))
            projectId.codes.append(code(r.projectId, PartFooter.columnSlots, &projectId))
            for c in Column.stringColumns {
                let slot = Int(c.rawValue)
                text[slot].codes.append(code(c.string(of: r), slot, &text[slot]))
            }
            rows += 1
        }
    }

    /// In a code translation table, a code not yet translated.
    static let remapSentinel = UInt32.max

    /// A text column: a code per row into the batch's distinct values.
    package struct TextColumn: Sendable {
        /// Per row: 0 for null, `k` for `values[k - 1]`.
        package var codes: [UInt32] = []
        /// The distinct values of the batch.
        package var values: [String] = []

        /// The value of `row`.
        @inlinable
        package func value(at row: Int) -> String? {
            let c = codes[row]
            return c == 0 ? nil : values[Int(c) - 1]
        }
    }

    /// An integer column that may be null.
    package struct NullableInt64Column: Sendable {
        /// The values (0 where null).
        package var values: [Int64] = []
        /// Whether each row has a value.
        package var valid: [Bool] = []

        /// The value of `row`.
        @inlinable
        package func value(at row: Int) -> Int64? { valid[row] ? values[row] : nil }

        /// Appends a value or a null.
        @inlinable
        package mutating func append(_ v: Int64?) {
            values.append(v ?? 0)
            valid.append(v != nil)
        }

        mutating func keep(_ keep: UnsafeBufferPointer<Bool>) {
            values.compact(keeping: keep)
            valid.compact(keeping: keep)
        }

        mutating func removeAll() {
            values.removeAll(keepingCapacity: true)
            valid.removeAll(keepingCapacity: true)
        }
    }

    /// Counts `n` rows whose every column the producer has appended.
    @inlinable
    package mutating func endRows(_ n: Int) { rows += n }

    /// The row as a record (for errors, tests and the rare path that needs one).
    package func record(at row: Int) -> UsageRecord {
        var r = UsageRecord(
            projectId: projectId.value(at: row) ?? "", ts: ts[row], service: text[Int(Column.service.rawValue)].value(at: row) ?? "",
            unit: text[Int(Column.unit.rawValue)].value(at: row) ?? "", quantity: quantity[row],
            costNanos: costSource[row] == .unpriced ? nil : costNanos[row], costSource: costSource[row])
        for c in Column.stringColumns where c != .service && c != .unit {
            c.setString(text[Int(c.rawValue)].value(at: row), in: &r)
        }
        r.stepIndex = stepIndex.value(at: row).map { Int32(truncatingIfNeeded: $0) }
        r.durationMs = durationMs.value(at: row)
        r.parserVersion = parserVersion.value(at: row).map { Int32(truncatingIfNeeded: $0) }
        return r
    }

    /// Keeps the rows whose flag is set, in order (text values stay listed; unused ones
    /// cost nothing).
    package mutating func keepRows(_ keep: [Bool]) {
        precondition(keep.count == count, "one flag per row")
        keep.withUnsafeBufferPointer { k in
            ts.compact(keeping: k)
            quantity.compact(keeping: k)
            costNanos.compact(keeping: k)
            costSource.compact(keeping: k)
            stepIndex.keep(k)
            durationMs.keep(k)
            parserVersion.keep(k)
            projectId.codes.compact(keeping: k)
            for c in Column.stringColumns { text[Int(c.rawValue)].codes.compact(keeping: k) }
        }
        rows = ts.count
    }

    /// Empties the batch, keeping its capacity.
    package mutating func removeAll() {
        rows = 0
        ts.removeAll(keepingCapacity: true)
        quantity.removeAll(keepingCapacity: true)
        costNanos.removeAll(keepingCapacity: true)
        costSource.removeAll(keepingCapacity: true)
        stepIndex.removeAll()
        durationMs.removeAll()
        parserVersion.removeAll()
        projectId.codes.removeAll(keepingCapacity: true)
        projectId.values.removeAll(keepingCapacity: true)
        for c in Column.stringColumns {
            text[Int(c.rawValue)].codes.removeAll(keepingCapacity: true)
            text[Int(c.rawValue)].values.removeAll(keepingCapacity: true)
        }
    }
}

extension Array {
    /// Keeps the elements whose flag is set, in order.
    mutating func compact(keeping keep: UnsafeBufferPointer<Bool>) {
        var kept = 0
        for i in indices where keep[i] {
            swapAt(kept, i)
            kept += 1
        }
        removeLast(count - kept)
    }
}
