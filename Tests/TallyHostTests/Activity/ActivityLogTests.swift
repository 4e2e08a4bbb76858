import Foundation
import Testing
import Tally
import TallyTestSupport

/// The activity log against a brute-force recount of the events it was given.
@Suite struct ActivityLogTests {
    static let day0 = CivilDate.dayNumber(year: 2026, month: 1, day: 25)

    static func randomEvents(seed: UInt64, count: Int, projects: [String] = ["a", "b", "c/../d"]) -> [ActivityEvent] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let name = ActivityKind.names.randomElement(using: &g)!
            let kind = ActivityKind(name: name, count: Int64.random(in: 0...20, using: &g))!
            return ActivityEvent(
                projectId: projects.randomElement(using: &g)!,
                ts: Int64(day0) * 86_400_000 + Int64.random(in: 0..<(40 * 86_400_000), using: &g), kind: kind)
        }
    }

    static func recount(_ events: [ActivityEvent], project: String) -> ActivityCounters {
        var c = ActivityCounters()
        for e in events where e.projectId == project { try! c.apply(e.kind) }
        return c
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func countersEqualARecountAcrossReopens(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let events = Self.randomEvents(seed: seed, count: 600)
        var log: ActivityLog! = try ActivityLog.open(storePath: dir.path, checkpointInterval: 50)
        var appended = [ActivityEvent]()
        var g = SeededGenerator(seed: seed &+ 100)
        var i = 0
        while i < events.count {
            let n = Int.random(in: 1...30, using: &g)
            let batch = Array(events[i..<min(i + n, events.count)])
            try log.append(contentsOf: batch)
            appended += batch
            i += n
            for p in ["a", "b", "c/../d"] { #expect(log.counters(project: p) == Self.recount(appended, project: p)) }
            if Int.random(in: 0..<5, using: &g) == 0 {
                // Sometimes a clean close (checkpoint), sometimes a drop without one.
                if Bool.random(using: &g) { try log.close() }
                log = nil
                log = try ActivityLog.open(storePath: dir.path, checkpointInterval: 50)
            }
        }
        try log.close()
        let reopened = try ActivityLog.open(storePath: dir.path, readOnly: true)
        #expect(reopened.projects() == ["a", "b", "c/../d"])
        for p in ["a", "b", "c/../d"] { #expect(reopened.counters(project: p) == Self.recount(events, project: p)) }
    }

    @Test func deletedOrStaleCheckpointIsRecountedFromTheLogs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let events = Self.randomEvents(seed: 9, count: 200)
        let log = try ActivityLog.open(storePath: dir.path)
        try log.append(contentsOf: events)
        try log.close()
        // A checkpoint that claims more than the logs hold is ignored.
        let checkpoint = dir.path + "/activity/CHECKPOINT"
        var json = try String(contentsOfFile: checkpoint, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"covered\":{", with: "\"covered\":{\"a/2099-01.log\":5,")
        try json.write(toFile: checkpoint, atomically: true, encoding: .utf8)
        var reopened = try ActivityLog.open(storePath: dir.path)
        #expect(reopened.counters(project: "a") == Self.recount(events, project: "a"))
        try reopened.close()
        try FileManager.default.removeItem(atPath: checkpoint)
        reopened = try ActivityLog.open(storePath: dir.path)
        #expect(reopened.counters(project: "b") == Self.recount(events, project: "b"))
    }

    @Test func tornTailIsIgnoredAndTruncated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ts = Int64(Self.day0) * 86_400_000
        let log = try ActivityLog.open(storePath: dir.path)
        try log.append(contentsOf: (0..<10).map { _ in ActivityEvent(projectId: "p", ts: ts, kind: .runCreated) })
        try log.close()
        let file = dir.path + "/activity/p/2026-01.log"
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        for cut in [1, 7, 13, 24] {
            // A frame cut short, as a crash in the middle of an append leaves it.
            let torn = good + Data(good.prefix(cut))
            try torn.write(to: URL(fileURLWithPath: file))
            let reader = try ActivityLog.open(storePath: dir.path, readOnly: true)
            #expect(reader.counters(project: "p").runsCreated == 10)
            #expect(try reader.dailyStats(project: "p", window: DateWindow(from: Self.day0, to: Self.day0))[0].runsCreated == 10)
            let writer = try ActivityLog.open(storePath: dir.path)
            #expect(writer.counters(project: "p").runsCreated == 10)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)).count == good.count)
            try writer.append(ActivityEvent(projectId: "p", ts: ts, kind: .runFailed))
            try writer.close()
            #expect(try ActivityLog.open(storePath: dir.path, readOnly: true).counters(project: "p").runsFailed == 1)
            try good.write(to: URL(fileURLWithPath: file))
            try? FileManager.default.removeItem(atPath: dir.path + "/activity/CHECKPOINT")
        }
    }

    @Test func damageBeforeTheLastFrameIsReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try ActivityLog.open(storePath: dir.path)
        try log.append(contentsOf: (0..<5).map { _ in ActivityEvent(projectId: "p", ts: 1_000, kind: .sandboxCreated) })
        try log.close()
        try FileManager.default.removeItem(atPath: dir.path + "/activity/CHECKPOINT")
        let file = dir.path + "/activity/p/1970-01.log"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[30] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(throws: ActivityError.self) { try ActivityLog.open(storePath: dir.path) }
    }

    @Test func dailyStatsAreZeroFilledAndEqualARecount() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let events = Self.randomEvents(seed: 4, count: 800)
        let log = try ActivityLog.open(storePath: dir.path)
        try log.append(contentsOf: events)
        for zone in ["UTC", "America/New_York", "Asia/Kolkata"] {
            let tz = TimeZone(identifier: zone)!
            let window = DateWindow(from: Self.day0 - 3, to: Self.day0 + 45, timeZone: tz)
            let days = try log.dailyStats(project: "a", window: window)
            #expect(days.map(\.day) == Array(window.from...window.to))
            var expected = Dictionary(uniqueKeysWithValues: (window.from...window.to).map { ($0, ActivityDay(day: $0)) })
            for e in events where e.projectId == "a" {
                let offset = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(e.ts) / 1000))) * 1000
                let d = CivilDate.dayNumber(forMilliseconds: e.ts + offset)
                try! expected[d]?.apply(e.kind)
            }
            #expect(days == (window.from...window.to).map { expected[$0]! })
            #expect(days.first!.runsCreated == 0 && days.last!.runsCreated == 0)
        }
        #expect(try log.dailyStats(project: "nobody", window: DateWindow(from: Self.day0, to: Self.day0 + 1)).allSatisfy { $0 == ActivityDay(day: $0.day) })
    }

    @Test func projectsAreIsolatedAndSessionQuotaCounts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try ActivityLog.open(storePath: dir.path)
        try log.append(contentsOf: [
            ActivityEvent(projectId: "a", ts: 5, kind: .sessionStarted),
            ActivityEvent(projectId: "a", ts: 6, kind: .sessionStarted),
            ActivityEvent(projectId: "a", ts: 7, kind: .sessionEnded),
            ActivityEvent(projectId: "b", ts: 8, kind: .sessionStarted),
            ActivityEvent(projectId: "b", ts: 9, kind: .sandboxTerminated),
        ])
        #expect(log.sessionQuota(project: "a", cap: 3) == SessionQuota(limit: 3, used: 1))
        #expect(log.sessionQuota(project: "a", cap: 3).remaining == 2)
        #expect(log.sessionQuota(project: "b", cap: nil).remaining == nil)
        #expect(log.counters(project: "b").activeSandboxes == 0)
        #expect(log.counters(project: "a").sandboxesTerminated == 0)
    }

    @Test func invalidBatchStoresNothingAndSecondWriterIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try ActivityLog.open(storePath: dir.path)
        #expect(throws: ActivityError.invalidEvent(field: "count", value: "-1", reason: "is negative; iterations are >= 0", index: 1)) {
            try log.append(contentsOf: [ActivityEvent(projectId: "a", ts: 1, kind: .runCreated), ActivityEvent(projectId: "a", ts: 1, kind: .iterations(-1))])
        }
        #expect(log.counters(project: "a") == ActivityCounters())
        #expect(throws: ActivityError.self) { try ActivityLog.open(storePath: dir.path) }
        try log.close()
        #expect(throws: ActivityError.closed) { try log.append(ActivityEvent(projectId: "a", ts: 1, kind: .runCreated)) }
    }

    @Test func kindNamesRoundTrip() {
        for name in ActivityKind.names {
            #expect(ActivityKind(name: name, count: 3)!.name == name)
        }
        #expect(ActivityKind(name: "bogus") == nil)
    }
}
