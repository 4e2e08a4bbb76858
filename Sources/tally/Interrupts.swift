import Foundation
import Synchronization

/// Ctrl-C (SIGINT) while a statement runs: the handler only sets `interruptRequested`
/// (all a signal handler may safely do); `SQLShell.execute`, waiting for the statement's
/// worker thread, polls it every 50 ms and cancels the statement, whose operators stop at
/// their next check. The REPL then returns to its prompt; `tally query` exits with 130.
enum Interrupts {
    /// The exit code of a process stopped by Ctrl-C, as shells report it (128 + SIGINT).
    static let cancelledExitCode: Int32 = 130

    /// Routes SIGINT to `interruptRequested` instead of ending the process.
    static func install() {
        interruptRequested.store(false, ordering: .relaxed)
        signal(SIGINT) { _ in interruptRequested.store(true, ordering: .relaxed) }
        // A parent that blocked SIGINT (a test runner, some supervisors) passes its mask
        // on: unblock it here, before the statement's threads start and inherit it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
