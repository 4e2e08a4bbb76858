import Synchronization

/// The calls that changed files or folders through a `FileSystem`, in the order they
/// happened, for a power-loss simulator: replaying a prefix of them over the folder's
/// state before the run, keeping only what an fsync, a folder's fsync or a syncfs had
/// made durable, gives what the disk would hold had the power been cut there.
///
/// Every seam call (reads, stats and locks too) is numbered, so a test can cut at each
/// of them; each event carries the number of the call it belongs to. Thread-safe; tests
/// only (it keeps every byte written).
package final class FileSystemJournal: Sendable {
    /// One state-changing call, after it succeeded (or, for a short write, the bytes that
    /// landed before the error).
    package enum Event: Sendable, Equatable {
        /// A descriptor was opened on `path`; `created` if `O_CREAT` made the file,
        /// `truncated` if `O_TRUNC` emptied it, `directory` if it is a folder.
        case open(fd: Int32, path: String, created: Bool, truncated: Bool, directory: Bool)
        /// Bytes written at `offset` of the descriptor's file.
        case write(fd: Int32, offset: Int, bytes: [UInt8])
        /// The descriptor's file was cut to `length` bytes.
        case truncate(fd: Int32, length: Int)
        /// The descriptor's file (or folder) was fsynced.
        case fsync(fd: Int32)
        /// The descriptor was closed (its number may be reused after this).
        case close(fd: Int32)
        /// `from` was renamed to `to`, replacing it.
        case rename(from: String, to: String)
        /// The file at `from` got the second name `to`.
        case link(from: String, to: String)
        /// The file at `path` was removed.
        case unlink(path: String)
        /// The folder at `path` was created (one event per folder `makeDirectories` made).
        case mkdir(path: String)
        /// The empty folder at `path` was removed.
        case rmdir(path: String)
        /// Everything written so far was made durable (`syncfs`).
        case syncfs
    }

    /// An event and the number of the seam call it belongs to (the calls before it: a
    /// cut at call `n` keeps the events whose `call` is below `n`).
    package struct Entry: Sendable, Equatable {
        /// The seam call's number, from 0.
        package var call: Int
        /// What changed.
        package var event: Event
    }

    private struct State {
        var calls = 0
        var entries: [Entry] = []
    }

    private let state = Mutex(State())

    /// Creates an empty journal.
    package init() {}

    /// Seam calls made so far: the cut points of a walk are `0...calls`.
    package var calls: Int { state.withLock { $0.calls } }

    /// The events so far, in order.
    package var entries: [Entry] { state.withLock { $0.entries } }

    /// Numbers a seam call (made before the call runs).
    func noteCall() {
        state.withLock { $0.calls += 1 }
    }

    /// Records an event of the latest call.
    func record(_ event: Event) {
        state.withLock { $0.entries.append(Entry(call: max($0.calls - 1, 0), event: event)) }
    }
}
