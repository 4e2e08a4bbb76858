import Synchronization

/// Decides which file-system operations fail, for fault-injection tests.
///
/// Rules are checked in order; a matching rule with remaining uses makes the operation
/// fail with its errno. Thread-safe.
public final class FaultInjector: Sendable {
    /// The operations that can fail.
    public enum Operation: String, Sendable {
        case open, read, write, fsync, rename, unlink, stat
    }

    /// One rule: fail `operation` on paths containing `pathContains`, after skipping
    /// `skip` matching calls, for `times` calls.
    public struct Rule: Sendable {
        /// The operation that fails.
        public var operation: Operation
        /// Only paths containing this text (empty: any path).
        public var pathContains: String
        /// The error number the operation fails with (ENOSPC, EIO, ...).
        public var errno: Int32
        /// Matching calls that succeed before the first failure.
        public var skip: Int
        /// How many matching calls fail after that.
        public var times: Int

        /// Creates a rule.
        public init(operation: Operation, pathContains: String = "", errno: Int32, skip: Int = 0, times: Int = 1) {
            self.operation = operation
            self.pathContains = pathContains
            self.errno = errno
            self.skip = skip
            self.times = times
        }
    }

    private let rules: Mutex<[Rule]>

    /// Creates an injector with rules.
    public init(_ rules: [Rule]) {
        self.rules = Mutex(rules)
    }

    /// The errno to fail with, if a rule matches.
    func fault(for op: Operation, path: String) -> Int32? {
        rules.withLock { rules in
            for i in rules.indices where rules[i].operation == op && rules[i].times > 0
                && (rules[i].pathContains.isEmpty || path.contains(rules[i].pathContains)) {
                if rules[i].skip > 0 { rules[i].skip -= 1; continue }
                rules[i].times -= 1
                return rules[i].errno
            }
            return nil
        }
    }
}
