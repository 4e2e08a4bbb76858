import TallyExecution

/// Checks a statement's cancellation from inside a hot loop (a sort's comparisons, a
/// window's rows) every `interval` calls rather than every call: the check reads an
/// atomic through a closure, cheap but not free, and 65,536 comparisons take well under
/// a millisecond, so a Ctrl-C still stops the loop at once.
struct CancellationPoll {
    static let interval = 1 << 16
    let isCancelled: () -> Bool
    private var calls = 0

    init(_ isCancelled: @escaping () -> Bool) {
        self.isCancelled = isCancelled
    }

    /// Throws `ExecutionError.cancelled` when the statement was cancelled (checked once
    /// per `interval` calls).
    @inline(__always)
    mutating func check() throws(ExecutionError) {
        calls &+= 1
        if calls & (Self.interval - 1) == 0, isCancelled() { throw ExecutionError.cancelled }
    }

    /// Checks now (between chunks, runs, partitions).
    func checkNow() throws(ExecutionError) {
        if isCancelled() { throw ExecutionError.cancelled }
    }
}
