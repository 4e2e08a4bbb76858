import Synchronization

/// Counts files opened and bytes read, so tests can prove what a query touched
/// (partition pruning) without timing anything.
package final class IOCounters: Sendable {
    private let opens = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let paths = Mutex<Set<String>>([])

    /// Creates zeroed counters.
    package init() {}

    /// Files opened so far.
    package var filesOpened: Int { opens.load(ordering: .relaxed) }
    /// Bytes read so far.
    package var bytesRead: Int { bytes.load(ordering: .relaxed) }
    /// The distinct paths opened so far.
    package var pathsOpened: Set<String> { paths.withLock { $0 } }

    /// Sets every counter back to zero.
    package func reset() {
        opens.store(0, ordering: .relaxed)
        bytes.store(0, ordering: .relaxed)
        paths.withLock { $0.removeAll() }
    }

    func recordOpen(_ path: String) {
        opens.add(1, ordering: .relaxed)
        paths.withLock { _ = $0.insert(path) }
    }

    func recordRead(_ count: Int) { bytes.add(count, ordering: .relaxed) }
}
