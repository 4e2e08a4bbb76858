import Synchronization

/// Decides which file-system operations fail, for fault-injection tests, and records
/// which call sites (`IOSite`) the code under test reached.
///
/// Rules are checked in order; a matching rule with remaining uses makes the operation
/// fail with its errno. Thread-safe.
package final class FaultInjector: Sendable {
    /// The operations that can fail.
    package enum Operation: String, Sendable, CaseIterable {
        case open, read, write, fsync, rename, unlink
        /// Reading a file's status (`stat`).
        case stat
        /// Creating a directory.
        case mkdir
        /// Removing an empty directory.
        case rmdir
        /// Cutting a file to a length (`ftruncate`).
        case truncate
        /// Taking a lock (a byte of a folder's `LOCK`).
        case lock
        /// Giving a file a second name (a hard link).
        case link
    }

    /// One rule: fail `operation` on paths containing `pathContains`, after skipping
    /// `skip` matching calls, for `times` calls.
    package struct Rule: Sendable {
        /// The operation that fails.
        package var operation: Operation
        /// Only paths containing this text (empty: any path).
        package var pathContains: String
        /// The error number the operation fails with (ENOSPC, EIO, ...).
        package var errno: Int32
        /// Matching calls that succeed before the first failure.
        package var skip: Int
        /// How many matching calls fail after that.
        package var times: Int
        /// For a write: write the first half of the bytes before failing, as a disk that
        /// fills up in the middle of a write does (a short write, then the error).
        package var shortWrite: Bool
        /// Only once another fault was injected: a second failure, in the cleanup after
        /// the first (the unlink of a temporary file, the truncation undoing an append).
        package var afterAnotherFault: Bool

        /// Creates a rule.
        package init(operation: Operation, pathContains: String = "", errno: Int32, skip: Int = 0, times: Int = 1,
                    shortWrite: Bool = false, afterAnotherFault: Bool = false) {
            self.operation = operation
            self.pathContains = pathContains
            self.errno = errno
            self.skip = skip
            self.times = times
            self.shortWrite = shortWrite
            self.afterAnotherFault = afterAnotherFault
        }
    }

    /// A failure to inject into one call.
    struct Fault {
        /// The error number.
        var errno: Int32
        /// Write half the bytes first (writes only).
        var shortWrite: Bool
    }

    /// A fault that was injected: which operation failed, on which path, called from where.
    package struct Injected: Sendable, Hashable {
        /// The operation that failed.
        package var operation: Operation
        /// The path it was called on.
        package var path: String
        /// The calling site.
        package var site: IOSite
    }

    private struct State {
        var rules: [Rule]
        var injected: [Injected] = []
        /// Calls so far per operation.
        var calls: [Operation: Int] = [:]
        /// Per site, the fewest earlier calls of the same operation when it was reached.
        var reached: [IOSite: Int] = [:]
    }

    private let state: Mutex<State>

    /// Creates an injector with rules (none: it only records the sites reached).
    package init(_ rules: [Rule] = []) {
        self.state = Mutex(State(rules: rules))
    }

    /// Every site the code reached, with the `skip` a rule for the site's operation needs
    /// to fail it there (the calls of that operation made before it, at the first visit).
    /// A fault-injection harness that tries skips up to `n` reaches the sites whose value
    /// is at most `n`.
    package var sitesReached: [IOSite: Int] { state.withLock { $0.reached } }

    /// The faults injected so far, in order: a test checks that the error it got names
    /// the path the fault hit.
    package var injected: [Injected] { state.withLock { $0.injected } }

    /// Stops injecting: every rule is dropped (a test's retry then runs clean on the
    /// same store).
    package func disarm() {
        state.withLock { $0.rules = [] }
    }

    /// The fault to inject, if a rule matches; records the site either way.
    func fault(for op: Operation, path: String, site: IOSite) -> Fault? {
        state.withLock { s in
            let ordinal = s.calls[op, default: 0]
            s.calls[op] = ordinal + 1
            if ordinal < s.reached[site, default: .max] { s.reached[site] = ordinal }
            for i in s.rules.indices where s.rules[i].operation == op && s.rules[i].times > 0
                && (s.rules[i].pathContains.isEmpty || path.contains(s.rules[i].pathContains))
                && (!s.rules[i].afterAnotherFault || !s.injected.isEmpty) {
                if s.rules[i].skip > 0 { s.rules[i].skip -= 1; continue }
                s.rules[i].times -= 1
                s.injected.append(Injected(operation: op, path: path, site: site))
                return Fault(errno: s.rules[i].errno, shortWrite: s.rules[i].shortWrite)
            }
            return nil
        }
    }
}
