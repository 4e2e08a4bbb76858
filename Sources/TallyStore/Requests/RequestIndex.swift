import TallyFormat

/// The request keys a transaction has seen: those stored on the days its rows fall on,
/// read from the parts when a (project, day) is first touched, and those of its own rows.
///
/// Memory is proportional to the keyed rows of the touched days only (a 1B-row store
/// with ids on every row, importing a file of one day, reads and holds one day of one
/// project). Days without keyed rows cost a look at the footers (see
/// `Store.storedRequests(project:day:)`).
package struct RequestIndex: Sendable {
    private struct ProjectDay: Hashable, Sendable {
        var projectId: String
        var day: Int32
    }

    /// Per key, the quantity its rows add up to (stored, plus this transaction's).
    private var known: [RequestKey: Double] = [:]
    private var loaded: Set<ProjectDay> = []

    /// An empty index.
    package init() {}

    /// Decides what to do with a row of `key` and `quantity`, and counts it as stored
    /// when it is kept or topped up. `costGiven`: the row carries its own cost, which
    /// cannot be split into a growth, so a larger quantity of a stored key is skipped.
    package mutating func admit(_ key: RequestKey, quantity: Double, costGiven: Bool, store: Store) throws -> RequestAdmission {
        let pd = ProjectDay(projectId: key.projectId, day: key.day)
        if !loaded.contains(pd) {
            for (k, q) in try store.storedRequests(project: key.projectId, day: key.day) { known[k, default: 0] += q }
            loaded.insert(pd)
        }
        guard let stored = known[key] else {
            known[key] = quantity
            return .keep
        }
        if quantity <= stored || costGiven { return .skip }
        known[key] = quantity
        return .topUp(quantity - stored)
    }
}
