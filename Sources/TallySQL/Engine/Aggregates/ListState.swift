/// list(x) / array_agg(x): every value of the group in the order the rows arrive (with
/// ORDER BY inside the call, the wrapper feeds them sorted), NULLs included, as DuckDB;
/// a group without rows gives NULL. With DISTINCT, each value once (NULL too, as DuckDB
/// keeps it), at its first place in that order.
final class ListState: AggregateState {
    let type: LogicalType
    let distinct: Bool
    var lists: [[ScalarValue]] = []
    var seen: [Bool] = []

    init(type: LogicalType, distinct: Bool = false) {
        self.type = type
        self.distinct = distinct
    }

    func resize(_ count: Int) {
        if lists.count < count {
            lists += [[ScalarValue]](repeating: [], count: count - lists.count)
            seen += [Bool](repeating: false, count: count - seen.count)
        }
    }

    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        for i in 0..<n where groups[i] >= 0 {
            let g = Int(groups[i])
            lists[g].append(args[0].value(i))
            seen[g] = true
        }
    }

    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! ListState
        for g in 0..<min(o.lists.count, mapping.count) where o.seen[g] {
            let m = Int(mapping[g])
            lists[m] += o.lists[g]
            seen[m] = true
        }
    }

    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        return ColumnVector.build(type: .list(type), count: count) { g in
            guard seen[g] else { return .null }
            guard distinct else { return .list(lists[g]) }
            var kept = Set<ScalarValue>()
            return .list(lists[g].filter { kept.insert(Distinct.normalized($0)).inserted })
        }
    }
}
