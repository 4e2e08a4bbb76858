import Synchronization

/// Query-wide ids for strings (1, 2, ...; 0 is null), shared by the workers of one
/// query so that their group keys mean the same thing and merge without remapping.
///
/// Locked, but used once per dictionary entry per part, never per row.
final class StringInterner: Sendable {
    private struct State {
        var ids: [String: UInt64] = [:]
        var strings: [String] = []
    }
    private let state = Mutex(State())

    /// The ids of many strings at once (one lock).
    func ids(_ values: [String]) -> [UInt64] {
        state.withLock { s in
            values.map { v in
                if let id = s.ids[v] { return id }
                s.strings.append(v)
                let id = UInt64(s.strings.count)
                s.ids[v] = id
                return id
            }
        }
    }

    /// All strings by id - 1.
    func snapshot() -> [String] { state.withLock { $0.strings } }
}
