import Foundation
import Testing
import Tally
import TallyTestSupport

/// The activity log and the key store under injected faults. An append is all or
/// nothing (a failed one is undone in every log file it touched); the keys file is
/// replaced whole or not at all. Each failure throws a typed error naming the path the
/// fault hit, the retry succeeds, and the usage store beside them is untouched.
extension FaultInjectionTests {
    /// Events of projects `act-0`... `act-<projects - 1>` over `months` months from January 2026.
    static func activityEvents(_ count: Int, projects: Int, months: Int) -> [ActivityEvent] {
        let kinds: [ActivityKind] = [.sessionStarted, .runCreated, .iterations(3), .runCompleted, .sessionEnded]
        return (0..<count).map { i in
            let month = Int64(i % months) * 31 * 86_400_000
            return ActivityEvent(projectId: "act-\(i % projects)", ts: 1_767_225_600_000 + month + Int64(i) * 60_000,
                                 kind: kinds[i % kinds.count])
        }
    }

    /// Every project's counters in the log at `path`, opened read-only without faults.
    static func activityCounters(_ path: String) throws -> [String: ActivityCounters] {
        let log = try ActivityLog.open(storePath: path, readOnly: true)
        return Dictionary(uniqueKeysWithValues: log.projects().map { ($0, log.counters(project: $0)) })
    }

    /// Opens the log at `path` through `fileSystem`, appends `events` and closes it.
    static func appendActivity(_ events: [ActivityEvent], at path: String, fileSystem: FileSystem) throws {
        let log = try ActivityLog.open(storePath: path, fileSystem: fileSystem)
        try appendAndClose(events, log, appended: { })
    }

    /// Appends `events` (calling `appended` once they are durable), reads a quarter's
    /// daily figures back from the logs, and closes (checkpoints) the log.
    static func appendAndClose(_ events: [ActivityEvent], _ log: ActivityLog, appended: () -> Void) throws {
        try log.append(contentsOf: events)
        appended()
        let jan1 = CivilDate.dayNumber(forMilliseconds: 1_767_225_600_000)
        _ = try log.dailyStats(project: "act-0", window: DateWindow(from: jan1, to: jan1 + 90))
        try log.close()
    }

    /// A store with the base rows and an activity log of two projects, as a crash leaves
    /// it: events after the last checkpoint, and a torn last frame in one log.
    static func activityTemplate(at path: String) throws -> StoreContents {
        let base = try makeBase(at: path)
        try appendActivity(activityEvents(40, projects: 2, months: 2), at: path, fileSystem: FileSystem())
        do {
            // Dropped without `close()`: no checkpoint covers these.
            let log = try ActivityLog.open(storePath: path)
            try log.append(contentsOf: activityEvents(6, projects: 2, months: 1))
        }
        let logFile = try #require(FaultSweep.tree(path + "/activity").first { $0.hasSuffix(".log") })
        let handle = try #require(FileHandle(forWritingAtPath: path + "/activity/" + logFile))
        handle.seekToEndOfFile()
        handle.write(Data([17, 0, 0, 0, 9, 9]))  // the first bytes of a frame
        try handle.close()
        return base
    }

    @Test func activityLogFaultsKeepAppendsAllOrNothing() throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-activity")
        defer { dir.remove() }
        let template = dir.path + "/template"
        let base = try Self.activityTemplate(at: template)
        // A new project (a new folder) and a new month (a new log) besides the old ones.
        let events = Self.activityEvents(30, projects: 3, months: 3)
        let before = try Self.activityCounters(template)
        let reference = dir.path + "/reference"
        try FaultSweep.copy(template, to: reference)
        try Self.appendActivity(events, at: reference, fileSystem: FileSystem())
        let after = try Self.activityCounters(reference)
        #expect(after != before && after.count == 3)
        let path = dir.path + "/trial"
        let figures = FaultSweep.run { injector, rule, context in
            try FaultSweep.copy(template, to: path)
            let log: ActivityLog
            do {
                log = try ActivityLog.open(storePath: path, fileSystem: FileSystem(faults: injector))
            } catch {
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                #expect(try Self.activityCounters(path) == before, "\(context)")
                return true
            }
            var appended = false
            var thrown = false
            do {
                try Self.appendAndClose(events, log, appended: { appended = true })
            } catch {
                thrown = true
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                // A failed append left nothing; a failed read or checkpoint loses no event.
                #expect(try Self.activityCounters(path) == (appended ? after : before), "\(context): after \(error)")
                if !appended { try log.append(contentsOf: events) }
                try log.close()
            }
            #expect(try Self.activityCounters(path) == after, "\(context): after the retry")
            #expect(try StoreContents(storeAt: path) == base, "\(context): the store beside the log changed")
            return thrown
        }
        #expect(figures.faultsThrown > 0)
        ReliabilityBudget.report("faults activity log: \(figures)")
    }

    /// The shape of a key list a sweep compares: how many keys, and which are revoked.
    struct KeysShape: Equatable {
        var count: Int
        var revoked: Set<String>

        init(_ keys: [APIKeyInfo]) {
            count = keys.count
            revoked = Set(keys.filter { !$0.isActive }.map(\.id))
        }

        init(count: Int, revoked: Set<String>) {
            self.count = count
            self.revoked = revoked
        }
    }

    /// Creates a key and revokes `revoking` in the key store at `path` through `fileSystem`,
    /// then authenticates `key` (a fault there must deny it, not trap); `done` counts the
    /// changes that returned.
    static func changeKeys(at path: String, revoking: String, authenticating key: String, fileSystem: FileSystem,
                           done: inout Int) throws {
        let keys = APIKeyStore(storePath: path, fileSystem: fileSystem)
        if done == 0 { _ = try keys.create(project: "key-new"); done = 1 }
        if done == 1 { try keys.revoke(revoking); done = 2 }
        _ = keys.authenticate(key)
    }

    @Test func keyStoreFaultsReplaceTheFileWholeOrNotAtAll() throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-keys")
        defer { dir.remove() }
        let template = dir.path + "/template"
        let base = try Self.makeBase(at: template)
        let first = try APIKeyStore(storePath: template).create(project: "key-a")
        let kept = try APIKeyStore(storePath: template).create(project: "key-b")
        // The shapes after each step: as found, a key created, the first key revoked.
        let shapes = [KeysShape(count: 2, revoked: []), KeysShape(count: 3, revoked: []), KeysShape(count: 3, revoked: [first.info.id])]
        let path = dir.path + "/trial"
        let figures = FaultSweep.run { injector, rule, context in
            try FaultSweep.copy(template, to: path)
            var done = 0
            var thrown = false
            do {
                try Self.changeKeys(at: path, revoking: first.info.id, authenticating: kept.key, fileSystem: FileSystem(faults: injector),
                                   done: &done)
            } catch {
                thrown = true
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self], context: context)
                let seen = KeysShape(try APIKeyStore(storePath: path).list())
                // keys.json was replaced whole or not at all; the change is in only if the
                // failure came after the rename (the store folder's fsync).
                let landed = seen == shapes[done + 1] && injector.injected.first?.path == path
                #expect(seen == shapes[done] || landed, "\(context): \(seen) after \(error)")
                if landed { done += 1 }
                try Self.changeKeys(at: path, revoking: first.info.id, authenticating: kept.key, fileSystem: FileSystem(faults: injector),
                                   done: &done)
            }
            let keys = APIKeyStore(storePath: path)
            #expect(KeysShape(try keys.list()) == shapes[2], "\(context): after the retry")
            #expect(keys.authenticate(kept.key) == "key-b" && keys.authenticate(first.key) == nil, "\(context)")
            #expect(try StoreContents(storeAt: path) == base, "\(context): the store beside the keys changed")
            return thrown
        }
        #expect(figures.faultsThrown > 0)
        ReliabilityBudget.report("faults key store: \(figures)")
    }
}
