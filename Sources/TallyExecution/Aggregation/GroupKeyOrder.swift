/// The tie-break of every ordered result, the engine's and the SQL layer's: the group
/// keys compared in order, each ascending (`KeyValue.<`: strings by UTF-8 bytes, null
/// last).
///
/// One definition because the two must agree: the SQL layer lets the engine pick the
/// first rows of an `ORDER BY ... LIMIT` from its accumulators, and then sorts what it
/// got itself (`SQLPreparedQuery.engineOrder`); with different tie-breaks the rows the
/// engine kept would not be the rows the statement's own sort puts first.
package enum GroupKeyOrder {
    /// Whether the `count` keys read by `a` come before those read by `b` (`a(j)` is the
    /// j-th key of the first item); false for equal keys.
    package static func precedes(count: Int, _ a: (Int) -> KeyValue, _ b: (Int) -> KeyValue) -> Bool {
        for j in 0..<count {
            let x = a(j), y = b(j)
            if x != y { return x < y }
        }
        return false
    }

    /// Whether group keys `a` come before group keys `b` (of the same query).
    package static func precedes(_ a: [KeyValue], _ b: [KeyValue]) -> Bool {
        precedes(count: Swift.min(a.count, b.count), { a[$0] }, { b[$0] })
    }
}
