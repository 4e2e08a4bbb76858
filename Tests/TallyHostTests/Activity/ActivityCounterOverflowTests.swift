import Foundation
import Testing
import Tally
import TallyTestSupport

/// Activity counters at the Int64 boundary: an append that would take a counter past
/// Int64.max is refused with an error naming the counter and the values, and nothing of
/// it is stored, durably (issue #19: two posts of 2^62 iterations made the counter
/// negative). Every accepted total is compared with the exact sum computed in Int128.
@Suite struct ActivityCounterOverflowTests {
    static let ts: Int64 = Int64(ActivityLogTests.day0) * 86_400_000

    static func iterations(_ n: Int64, project: String = "p", at offset: Int64 = 0) -> ActivityEvent {
        ActivityEvent(projectId: project, ts: ts + offset, kind: .iterations(n))
    }

    /// The bytes of every activity log file under `dir`, to show that nothing was written.
    static func logBytes(_ dir: TemporaryDirectory) -> Int {
        let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".log") }.reduce(0) { n, f in
            n + ((try? FileManager.default.attributesOfItem(atPath: dir.path + "/" + f)[.size] as? Int) ?? 0)
        }
    }

    @Test func twoPostsOf2To62AreRefusedAtTheSecondAndNothingIsStored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var log: ActivityLog! = try ActivityLog.open(storePath: dir.path)
        try log.append(Self.iterations(1 << 62))
        let bytes = Self.logBytes(dir)
        #expect(throws: ActivityError.counterOverflow(counter: "iterations", total: 1 << 62, adding: 1 << 62, project: "p", index: nil)) {
            try log.append(Self.iterations(1 << 62, at: 1))
        }
        #expect(log.counters(project: "p").iterations == 1 << 62)
        #expect(Self.logBytes(dir) == bytes)
        try log.close()
        log = try ActivityLog.open(storePath: dir.path)
        #expect(log.counters(project: "p").iterations == 1 << 62)
        let days = try log.dailyStats(project: "p", window: DateWindow(from: ActivityLogTests.day0, to: ActivityLogTests.day0))
        #expect(days.map(\.iterations) == [1 << 62])
        try log.close()
    }

    @Test func aCounterReachesInt64MaxExactlyAndNotOneMore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try ActivityLog.open(storePath: dir.path)
        try log.append(contentsOf: [Self.iterations(Int64.max - 1), Self.iterations(1, at: 1)])
        #expect(log.counters(project: "p").iterations == Int64.max)
        #expect(throws: ActivityError.counterOverflow(counter: "iterations", total: Int64.max, adding: 1, project: "p", index: nil)) {
            try log.append(Self.iterations(1, at: 2))
        }
        // Another project's counter is its own.
        try log.append(Self.iterations(Int64.max, project: "q"))
        #expect(log.counters(project: "q").iterations == Int64.max)
        try log.close()
    }

    @Test func aBatchThatOverflowsIsRefusedWholeAndNamesTheEvent() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try ActivityLog.open(storePath: dir.path)
        let batch = [Self.iterations(5, project: "q"), Self.iterations(1 << 62), Self.iterations(1 << 62, at: 1)]
        do {
            try log.append(contentsOf: batch)
            Issue.record("the batch was accepted")
        } catch let error as ActivityError {
            #expect(error == .counterOverflow(counter: "iterations", total: 1 << 62, adding: 1 << 62, project: "p", index: 2))
            #expect(error.description.contains("'iterations' of project 'p' is at 4611686018427387904; adding 4611686018427387904 (event 2)"))
        }
        #expect(log.counters(project: "p").iterations == 0 && log.counters(project: "q").iterations == 0)
        #expect(Self.logBytes(dir) == 0)
        try log.close()
    }

    @Test func countersApplyRefusesToWrap() throws {
        var c = ActivityCounters()
        try c.apply(.iterations(Int64.max))
        #expect(throws: ActivityError.counterOverflow(counter: "iterations", total: Int64.max, adding: 1, project: nil, index: nil)) {
            try c.apply(.iterations(1))
        }
        #expect(c.iterations == Int64.max)
        var d = ActivityDay(day: 0)
        try d.apply(.iterations(Int64.max))
        #expect(throws: ActivityError.self) { try d.apply(.iterations(1)) }
        #expect(d.iterations == Int64.max)
    }

    /// Random large counts posted one by one: each is accepted exactly when the exact
    /// (Int128) total stays within Int64, and the counter, its daily figure and a reopened
    /// log all equal the exact total of the accepted ones.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomLargeCountsAreAcceptedExactlyWhileTheyFit(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var log: ActivityLog! = try ActivityLog.open(storePath: dir.path, checkpointInterval: 3)
        var exact: Int128 = 0
        for i in 0..<30 {
            let n = Bool.random(using: &g) ? Int64.random(in: 0...(1 << 62), using: &g) : Int64.random(in: 0...Int64.max, using: &g)
            let fits = exact + Int128(n) <= Int128(Int64.max)
            do {
                try log.append(Self.iterations(n, at: Int64(i)))
                #expect(fits, "\(n) accepted over \(exact)")
                exact += Int128(n)
            } catch let error as ActivityError {
                #expect(!fits)
                #expect(error == .counterOverflow(counter: "iterations", total: Int64(exact), adding: n, project: "p", index: nil))
            }
            #expect(Int128(log.counters(project: "p").iterations) == exact)
        }
        try log.close()
        log = try ActivityLog.open(storePath: dir.path)
        #expect(Int128(log.counters(project: "p").iterations) == exact)
        let days = try log.dailyStats(project: "p", window: DateWindow(from: ActivityLogTests.day0, to: ActivityLogTests.day0))
        #expect(days.map { Int128($0.iterations) } == [exact])
        try log.close()
    }
}
