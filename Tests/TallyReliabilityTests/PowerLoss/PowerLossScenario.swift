import Tally

/// One operation a power-loss walk cuts: how to run it as one process would (open the
/// store, do it, close), what the store holds before and after it, and how a user
/// completes it after a crash.
struct PowerLossScenario {
    var name: String
    /// The folder before the operation (the closed store, or the folder a store is to
    /// be created in); each run starts from a copy, and the walk models all of it.
    var template: String
    /// Where the store is in that folder ("": the folder is the store).
    var store = ""
    /// Runs the operation on the store at `path` through `fs` (to its end: the walk cuts
    /// the journal of this one run at every seam call).
    var run: (_ path: String, _ fs: FileSystem) throws -> Void
    /// Completes the operation after a crash (`done`: the crash left the state after it):
    /// rerun it, or resend what was not acknowledged.
    var retry: (_ path: String, _ done: Bool) throws -> Void
    /// Marks of the store (beyond rows and cost) that tell before from after.
    var marks: (Store) throws -> [String] = { _ in [] }
    /// The states before and after (filled in by `PowerLossWalk.prepare`).
    var before = PowerLossState(), after = PowerLossState()
    /// Other states that hold what `before` holds (the empty store an import into a new
    /// folder creates before it commits its rows).
    var alsoBefore: [PowerLossState] = []
    /// The state before holds damage on purpose (the part a repair quarantines), so only
    /// states after the operation must verify clean.
    var damagedBefore = false
}
