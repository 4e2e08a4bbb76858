#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import TallySystem
import TallyFormat
import TallyStore

/// A project's activity events beside its usage: counters kept up to date on every
/// append, and daily figures read from the months asked for.
///
/// Layout, inside the store folder:
/// ```
/// activity/CHECKPOINT                        counters as of known log lengths (see ActivityCheckpoint)
/// (LOCK, byte 1, in the store folder)        held by the one activity writer (`FolderLock`)
/// activity/<escaped project>/PROJECT         the project id, as given
/// activity/<escaped project>/<YYYY-MM>.log   the events of that UTC month (see ActivityFrame)
/// ```
///
/// An append is durable when it returns (its frames are fsynced first). Counters live in
/// memory and are checkpointed every `checkpointInterval` events and at `close()`; opening
/// replays only the log bytes after the checkpoint. Thread-safe.
package final class ActivityLog: Sendable {
    /// The store folder the log lives in.
    package let storePath: String
    /// Whether appends are refused.
    package let readOnly: Bool
    /// Events between automatic checkpoints.
    package let checkpointInterval: Int
    let fs: FileSystem
    private let state: Mutex<State>
    /// The activity writer's byte of the folder's `LOCK` (nil when read-only or closed).
    private let writerLock: Mutex<FolderLock?>

    struct State {
        var counters: [String: ActivityCounters] = [:]
        /// Bytes of valid frames per log (relative path), counted in `counters`.
        var lengths: [String: Int] = [:]
        /// Open append descriptors per log.
        var fds: [String: Int32] = [:]
        var sinceCheckpoint = 0
        var closed = false
    }

    static let folder = "activity"

    /// Opens the activity log of the store at `storePath` (created on the first append).
    package static func open(storePath: String, readOnly: Bool = false, checkpointInterval: Int = 4096,
                            fileSystem: FileSystem = FileSystem()) throws -> ActivityLog {
        try ActivityLog(storePath: storePath, readOnly: readOnly, checkpointInterval: checkpointInterval, fs: fileSystem)
    }

    private init(storePath: String, readOnly: Bool, checkpointInterval: Int, fs: FileSystem) throws {
        self.storePath = storePath
        self.readOnly = readOnly
        self.checkpointInterval = Swift.max(1, checkpointInterval)
        self.fs = fs
        let root = storePath + "/" + ActivityLog.folder
        var lock: FolderLock? = nil
        if !readOnly {
            try fs.makeDirectories(root)
            do {
                lock = try FolderLock.acquire(.activity, in: storePath, fileSystem: fs)
            } catch StorageError.locked(let path) {
                throw ActivityError.locked(path: path)
            }
        }
        writerLock = Mutex(lock)
        // On a failure below, the lock is released with `lock`.
        state = Mutex(try ActivityLog.recover(root: root, truncateTornTails: !readOnly, fs: fs))
    }

    deinit {
        state.withLock { s in for fd in s.fds.values { fs.close(fd) } }
    }

    // MARK: Paths

    static func projectFolder(_ projectId: String) -> String { ProjectDirectoryName.escape(projectId) }

    static func monthName(_ ts: Int64) -> String {
        let c = CivilDate.civil(fromDayNumber: CivilDate.dayNumber(forMilliseconds: ts))
        return String(format: "%04d-%02d", c.year, c.month)
    }

    static func relativeLog(_ projectId: String, _ ts: Int64) -> String {
        projectFolder(projectId) + "/" + monthName(ts) + ".log"
    }

    private var root: String { storePath + "/" + ActivityLog.folder }

    // MARK: Recovery

    /// Loads the checkpoint and replays every log past it. A checkpoint that claims more
    /// of a log than exists is ignored (everything is recounted).
    static func recover(root: String, truncateTornTails: Bool, fs: FileSystem) throws -> State {
        let checkpointPath = root + "/" + ActivityCheckpoint.fileName
        var checkpoint = (try? fs.readAll(checkpointPath)).flatMap(ActivityCheckpoint.decode) ?? ActivityCheckpoint()
        var logs = [(project: String, relative: String)]()
        for folder in fs.list(root).sorted() where fs.exists(root + "/" + folder + "/PROJECT") {
            let project = String(decoding: try fs.readAll(root + "/" + folder + "/PROJECT"), as: UTF8.self)
            for name in fs.list(root + "/" + folder).sorted() where name.hasSuffix(".log") {
                logs.append((project, folder + "/" + name))
            }
        }
        var sizes = [String: Int]()
        for log in logs {
            let fd = try fs.open(root + "/" + log.relative, flags: O_RDONLY)
            defer { fs.close(fd) }
            sizes[log.relative] = try fs.size(fd, path: root + "/" + log.relative)
        }
        let consistent = checkpoint.covered.allSatisfy { rel, covered in (sizes[rel] ?? -1) >= covered }
        if !consistent { checkpoint = ActivityCheckpoint() }
        var s = State()
        s.counters = checkpoint.counters
        for log in logs {
            let path = root + "/" + log.relative
            let start = checkpoint.covered[log.relative] ?? 0
            let size = sizes[log.relative] ?? 0
            var end = start
            if size > start {
                let bytes = try fs.readAll(path)
                var counters = s.counters[log.project] ?? ActivityCounters()
                scan: while true {
                    switch ActivityFrame.decode(bytes, at: end, length: bytes.count) {
                    case let .event(_, kind, next):
                        // Appends refuse an overflowing event, so one here was written
                        // by another program or an older version: report it, never wrap.
                        do { try counters.apply(kind) } catch {
                            throw ActivityError.corrupt(path: path, offset: end, reason: error.description)
                        }
                        end = next
                    case .end, .tornTail:
                        break scan
                    case let .corrupt(reason):
                        throw ActivityError.corrupt(path: path, offset: end, reason: reason)
                    }
                }
                s.counters[log.project] = counters
                if end < bytes.count && truncateTornTails {
                    let fd = try fs.open(path, flags: O_WRONLY)
                    defer { fs.close(fd) }
                    try fs.truncate(fd, path: path, to: end)
                    try fs.fsync(fd, path: path)
                }
            }
            s.lengths[log.relative] = end
        }
        return s
    }

    // MARK: Writing

    /// Appends one event; durable when this returns.
    package func append(_ event: ActivityEvent) throws {
        try append(contentsOf: [event])
    }

    /// Appends events, all or none if one is invalid; durable when this returns.
    package func append(contentsOf events: [ActivityEvent]) throws {
        guard !readOnly else { throw ActivityError.readOnly(path: storePath) }
        for (i, e) in events.enumerated() {
            let index = events.count > 1 ? i : nil
            if e.projectId.isEmpty { throw ActivityError.invalidEvent(field: "project_id", value: "", reason: "is empty", index: index) }
            if e.ts < 0 { throw ActivityError.invalidEvent(field: "ts", value: String(e.ts), reason: "is before 1970", index: index) }
            if case let .iterations(n) = e.kind, n < 0 {
                throw ActivityError.invalidEvent(field: "count", value: String(n), reason: "is negative; iterations are >= 0", index: index)
            }
        }
        guard !events.isEmpty else { return }
        var byLog = [String: (project: String, bytes: [UInt8])]()
        for e in events {
            let rel = ActivityLog.relativeLog(e.projectId, e.ts)
            var entry = byLog[rel] ?? (e.projectId, [])
            ActivityFrame.encode(ts: e.ts, kind: e.kind, into: &entry.bytes)
            byLog[rel] = entry
        }
        let checkpointDue = try state.withLock { s -> Bool in
            guard !s.closed else { throw ActivityError.closed }
            // Count on copies first: an event that would take a counter past Int64.max
            // refuses the whole batch before a byte is written, so the log never holds
            // what the counters cannot (a reopen would have to recount it).
            var counted = [String: ActivityCounters]()
            for (i, e) in events.enumerated() {
                var c = counted[e.projectId] ?? s.counters[e.projectId] ?? ActivityCounters()
                do throws(ActivityError) { try c.apply(e.kind) } catch { throw error.located(project: e.projectId, index: events.count > 1 ? i : nil) }
                counted[e.projectId] = c
            }
            // Write and sync every file first; count only once all are durable, so a
            // failure leaves the counters matching what a reopen would find.
            var written = [(String, Int)]()
            do {
                for (rel, entry) in byLog.sorted(by: { $0.key < $1.key }) {
                    let fd = try descriptor(rel, project: entry.project, &s)
                    let path = root + "/" + rel
                    do {
                        try entry.bytes.withUnsafeBytes { try fs.write(fd, path: path, $0) }
                        try fs.fsync(fd, path: path)
                    } catch {
                        try? fs.truncate(fd, path: path, to: s.lengths[rel] ?? 0)
                        throw error
                    }
                    written.append((rel, entry.bytes.count))
                }
            } catch {
                // Undo the files already written, so that the batch is all or nothing.
                for (rel, _) in written {
                    guard let fd = s.fds[rel] else { continue }
                    try? fs.truncate(fd, path: root + "/" + rel, to: s.lengths[rel] ?? 0)
                    try? fs.fsync(fd, path: root + "/" + rel)
                }
                throw error
            }
            for (rel, count) in written { s.lengths[rel, default: 0] += count }
            for (project, c) in counted { s.counters[project] = c }
            s.sinceCheckpoint += events.count
            return s.sinceCheckpoint >= checkpointInterval
        }
        if checkpointDue { try checkpoint() }
    }

    /// The append descriptor of a log, creating its folder and file on first use.
    private func descriptor(_ rel: String, project: String, _ s: inout State) throws -> Int32 {
        if let fd = s.fds[rel] { return fd }
        if s.fds.count >= 64 {
            for fd in s.fds.values { fs.close(fd) }
            s.fds.removeAll()
        }
        let folder = root + "/" + fs.parentDirectory(of: rel)
        let path = root + "/" + rel
        let isNew = !fs.exists(path)
        if isNew {
            try fs.makeDirectories(folder)
            if !fs.exists(folder + "/PROJECT") {
                try fs.writeAtomically(Array(project.utf8), to: folder + "/PROJECT")
                try fs.fsyncDirectory(root)
            }
        }
        let fd = try fs.open(path, flags: O_WRONLY | O_CREAT | O_APPEND)
        if isNew { try fs.fsyncDirectory(folder) }
        s.fds[rel] = fd
        return fd
    }

    /// Writes the counters and the log lengths they cover (atomic replace).
    package func checkpoint() throws {
        guard !readOnly else { return }
        try state.withLock { s in
            let c = ActivityCheckpoint(counters: s.counters, covered: s.lengths)
            try fs.writeAtomically(try c.encoded(), to: root + "/" + ActivityCheckpoint.fileName)
            s.sinceCheckpoint = 0
        }
    }

    /// Checkpoints, closes the logs and releases the write lock. Later appends throw.
    package func close() throws {
        if !readOnly { try checkpoint() }
        state.withLock { s in
            for fd in s.fds.values { fs.close(fd) }
            s.fds.removeAll()
            s.closed = true
        }
        writerLock.withLock { $0 = nil }
    }

    // MARK: Reading

    /// The project's counters (all zero for a project with no events). No I/O.
    package func counters(project: String) -> ActivityCounters {
        state.withLock { $0.counters[project] } ?? ActivityCounters()
    }

    /// The project's concurrent sessions now against `cap` (nil = unlimited). No I/O.
    package func sessionQuota(project: String, cap: Int64?) -> SessionQuota {
        SessionQuota(limit: cap, used: counters(project: project).activeSessions)
    }

    /// Every project with events.
    package func projects() -> [String] {
        state.withLock { Array($0.counters.keys) }.sorted()
    }

    /// Every project's activity per UTC day, only the days with a daily figure (the
    /// `daily_stats` table of SQL), projects in order, days in order. Reads every log.
    package func allDailyStats() throws -> [(project: String, days: [ActivityDay])] {
        let logs = state.withLock { $0.lengths }
        var out: [(project: String, days: [ActivityDay])] = []
        for project in projects() {
            let prefix = ActivityLog.projectFolder(project) + "/"
            var days: [Int32: ActivityDay] = [:]
            for (rel, known) in logs where rel.hasPrefix(prefix) {
                let path = root + "/" + rel
                let bytes = try fs.readAll(path)
                let length = Swift.min(known, bytes.count)
                var at = 0
                scan: while true {
                    switch ActivityFrame.decode(bytes, at: at, length: length) {
                    case let .event(ts, kind, next):
                        let day = CivilDate.dayNumber(forMilliseconds: ts)
                        var figures = days[day] ?? ActivityDay(day: day)
                        do { try figures.apply(kind) } catch { throw ActivityError.corrupt(path: path, offset: at, reason: error.description) }
                        days[day] = figures
                        at = next
                    case .end, .tornTail:
                        break scan
                    case let .corrupt(reason):
                        throw ActivityError.corrupt(path: path, offset: at, reason: reason)
                    }
                }
            }
            let counted = days.values.filter { $0 != ActivityDay(day: $0.day) }.sorted { $0.day < $1.day }
            if !counted.isEmpty { out.append((project, counted)) }
        }
        return out
    }

    /// The project's activity per day of `window` (in its time zone), every day present
    /// (zero-filled), in order. Reads only the logs of the months the window touches.
    package func dailyStats(project: String, window: DateWindow) throws -> [ActivityDay] {
        guard let instants = window.instants else { return [] }
        var days = (0..<window.dayCount).map { ActivityDay(day: window.from + Int32($0)) }
        let folder = ActivityLog.projectFolder(project)
        let utc = window.timeZone.secondsFromGMT() == 0 && window.timeZone.nextDaylightSavingTimeTransition == nil
        var month = CivilDate.civil(fromDayNumber: CivilDate.dayNumber(forMilliseconds: instants.lowerBound))
        let last = CivilDate.civil(fromDayNumber: CivilDate.dayNumber(forMilliseconds: instants.upperBound))
        while (month.year, month.month) <= (last.year, last.month) {
            let rel = folder + "/" + String(format: "%04d-%02d", month.year, month.month) + ".log"
            let known = state.withLock { $0.lengths[rel] }
            let path = root + "/" + rel
            if known != nil || fs.exists(path) {
                let bytes = try fs.readAll(path)
                let length = Swift.min(known ?? bytes.count, bytes.count)
                var at = 0
                scan: while true {
                    switch ActivityFrame.decode(bytes, at: at, length: length) {
                    case let .event(ts, kind, next):
                        at = next
                        guard instants.contains(ts) else { continue }
                        let offset = utc ? 0 : Int64(window.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ts) / 1000))) * 1000
                        let day = CivilDate.dayNumber(forMilliseconds: ts + offset)
                        let i = Int(day - window.from)
                        if i >= 0 && i < days.count {
                            do { try days[i].apply(kind) } catch { throw ActivityError.corrupt(path: path, offset: at, reason: error.description) }
                        }
                    case .end, .tornTail:
                        break scan
                    case let .corrupt(reason):
                        throw ActivityError.corrupt(path: path, offset: at, reason: reason)
                    }
                }
            }
            month = month.month == 12 ? (month.year + 1, 1, 1) : (month.year, month.month + 1, 1)
        }
        return days
    }
}
