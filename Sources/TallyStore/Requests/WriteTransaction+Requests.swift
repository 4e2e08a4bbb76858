import TallyFormat

/// Deduplication by request id: the rows of an import whose (project, capture source,
/// request id, unit) is already stored on their day are left out (see `RequestAdmission`).
extension WriteTransaction {
    /// Leaves out, or reduces to their growth, the records whose request key is stored
    /// (or came earlier in this transaction). Call before pricing: a topped-up record's
    /// cost is cleared (`costNanos` nil, `.unpriced`) to be priced for its new quantity.
    /// Records without a request id are untouched.
    package func admitRequests(_ records: inout [UsageRecord]) throws -> RequestTally {
        guard records.contains(where: { $0.requestId != nil }) else { return RequestTally() }
        var tally = RequestTally()
        var keep = [Bool](repeating: true, count: records.count)
        try withRequestIndex { index in
            for i in records.indices {
                guard let key = RequestKey(records[i]) else { continue }
                let given = records[i].costNanos != nil && records[i].costSource == .given
                switch try index.admit(key, quantity: records[i].quantity, costGiven: given, store: store) {
                case .keep: break
                case .skip:
                    keep[i] = false
                    tally.skipped += 1
                case .topUp(let growth):
                    records[i].quantity = growth
                    records[i].costNanos = nil
                    records[i].costSource = .unpriced
                    tally.toppedUp += 1
                }
            }
        }
        if tally.skipped > 0 {
            var i = 0
            records.removeAll { _ in defer { i += 1 }; return !keep[i] }
        }
        return tally
    }

    /// `admitRequests(_:)` for a columnar batch: a topped-up row's cost is reset to 0,
    /// `.unpriced`, for the caller to price again.
    package func admitRequests(_ batch: inout UsageColumns) throws -> RequestTally {
        let ids = batch.text[Int(Column.requestId.rawValue)]
        guard ids.codes.contains(where: { $0 != 0 }) else { return RequestTally() }
        let units = batch.text[Int(Column.unit.rawValue)], sources = batch.text[Int(Column.captureSource.rawValue)]
        var tally = RequestTally()
        var keep = [Bool](repeating: true, count: batch.count)
        try withRequestIndex { index in
            for row in 0..<batch.count where ids.codes[row] != 0 {
                let key = RequestKey(
                    projectId: batch.projectId.value(at: row) ?? "", day: CivilDate.dayNumber(forMilliseconds: batch.ts[row]),
                    captureSource: sources.value(at: row), requestId: ids.value(at: row)!, unit: units.value(at: row) ?? "")
                switch try index.admit(key, quantity: batch.quantity[row], costGiven: batch.costSource[row] == .given, store: store) {
                case .keep: break
                case .skip:
                    keep[row] = false
                    tally.skipped += 1
                case .topUp(let growth):
                    batch.quantity[row] = growth
                    batch.costNanos[row] = 0
                    batch.costSource[row] = .unpriced
                    tally.toppedUp += 1
                }
            }
        }
        if tally.skipped > 0 { batch.keepRows(keep) }
        return tally
    }

    /// Runs `body` on the index, taking the store's gate first if this transaction does
    /// not hold it yet.
    private func withRequestIndex(_ body: (inout RequestIndex) throws -> Void) throws {
        let mustEnter = requests.withLock { r in !r.holdsGate }
        if mustEnter {
            // Outside the lock: waiting for the gate must not block this transaction's
            // own commit or rollback on another thread.
            store.requestGate.enter()
            requests.withLock { r in r.holdsGate = true }
        }
        try requests.withLock { r in try body(&r.index) }
    }

    /// Gives the store's gate back if this transaction holds it.
    func leaveRequestGate() {
        let held = requests.withLock { r in
            defer { r.holdsGate = false }
            return r.holdsGate
        }
        if held { store.requestGate.leave() }
    }
}
