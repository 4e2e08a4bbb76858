#if canImport(Glibc)
import Glibc
#endif

/// One store's turn for transactions that deduplicate by request id: held from a
/// transaction's first look at the stored keys until its commit or rollback, so two
/// imports (or a server's requests) in one process carrying the same ids cannot both
/// find them new and both store them. Other writers in the process never wait for it;
/// other processes cannot write at all (the folder's lock).
///
/// A counting semaphore rather than a mutex: the import pipeline may look keys up on
/// one thread and commit on another, and a mutex must be unlocked by its owner.
package final class RequestGate: @unchecked Sendable {
    // @unchecked: the semaphore is the synchronisation; the pointer never changes.
    private let semaphore: UnsafeMutablePointer<sem_t>

    /// An open gate.
    package init() {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 1)
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    /// Waits for the gate and takes it.
    package func enter() {
        while sem_wait(semaphore) != 0 {}  // EINTR: a signal interrupted the wait
    }

    /// Gives the gate back.
    package func leave() {
        sem_post(semaphore)
    }
}
