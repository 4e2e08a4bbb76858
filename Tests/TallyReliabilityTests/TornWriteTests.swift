import Foundation
import Testing
import Tally
import TallyTestSupport

/// Simulates torn and rotted writes after the fact: truncates a file, flips bytes in a
/// 4 KiB page, or zero-fills a page, in part files and in MANIFEST, at seeded random
/// offsets. Every damage must be detected; `repair` must quarantine exactly the damaged
/// part and leave everything else queryable with unchanged contents, and a damaged
/// MANIFEST must be rebuilt (from its copy) with every row.
@Suite struct TornWriteTests {
    static let page = 4096

    enum Damage: CaseIterable {
        case truncate, flipBytes, zeroPage
    }

    /// Applies `damage` to `bytes` at a random place; returns a short description.
    static func damage(_ bytes: inout [UInt8], _ kind: Damage, using g: inout SeededGenerator) -> String {
        switch kind {
        case .truncate:
            let keep = Int.random(in: 0..<bytes.count, using: &g)
            bytes.removeSubrange(keep...)
            return "truncated to \(keep) bytes"
        case .flipBytes:
            let pageStart = Int.random(in: 0..<max(1, (bytes.count + page - 1) / page), using: &g) * page
            let end = min(bytes.count, pageStart + page)
            let flips = Int.random(in: 1...8, using: &g)
            for _ in 0..<flips { bytes[Int.random(in: pageStart..<end, using: &g)] ^= UInt8.random(in: 1...255, using: &g) }
            return "\(flips) bytes flipped in the page at \(pageStart)"
        case .zeroPage:
            // Torn writes tear at page granularity, but a page may start anywhere in a file.
            let start = Int.random(in: 0..<bytes.count, using: &g)
            let end = min(bytes.count, start + page)
            for i in start..<end { bytes[i] = 0 }
            return "zeroed \(end - start) bytes at \(start)"
        }
    }

    /// A store of several partitions with parts of a few pages each.
    static func makeStore(at path: String) throws -> (contents: StoreContents, partContents: [String: StoreContents]) {
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: path, options: options)
        // Three flushes of two small projects: six parts (each project's months share one).
        for i in 0..<3 {
            try store.append(contentsOf: ReliabilityRecords.make(count: 2000, seed: 500 + UInt64(i), prefix: "torn", projects: 2, days: 50))
            try store.flush()
        }
        let snapshot = store.snapshot()
        var perPart = [String: StoreContents]()
        let batch = ColumnBatch()
        for handle in snapshot.parts {
            var c = StoreContents()
            try handle.reader().readAllRecords(batch: batch) { r in
                c.rows[r.projectId, default: 0] += 1
                c.cost[r.projectId, default: 0] += Int128(r.costNanos ?? 0)
            }
            perPart[handle.path] = c
        }
        let contents = try StoreContents(snapshot)
        try store.close()
        return (contents, perPart)
    }

    @Test func everyDamageIsDetectedAndRepairKeepsTheRest() throws {
        let dir = try ScratchDirectory(prefix: "tally-torn")
        defer { dir.remove() }
        let template = dir.path + "/template"
        let (contents, perPart) = try Self.makeStore(at: template)
        #expect(perPart.count >= 6)
        var g = SeededGenerator(seed: 0x70E2)
        let batch = ColumnBatch()
        let budget = ReliabilityBudget.seconds(ci: 12, long: 300)
        let clock = Stopwatch()
        var injected = 0, detected = 0, manifestInjected = 0, manifestDetected = 0, manifestRepaired = 0, unchanged = 0
        var trial = 0
        while clock.seconds < budget && (ReliabilityBudget.isLong || trial < 600) {
            trial += 1
            let path = dir.path + "/t\(trial)"
            try FileManager.default.copyItem(atPath: template, toPath: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let kind = Damage.allCases.randomElement(using: &g)!
            let hitManifest = Int.random(in: 0..<5, using: &g) == 0
            let target = hitManifest
                ? path + "/" + Manifest.fileName
                : path + "/" + perPart.keys.sorted().randomElement(using: &g)!.dropFirst(template.count + 1)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target)))
            let original = bytes
            let what = Self.damage(&bytes, kind, using: &g)
            if bytes == original { unchanged += 1; continue }
            try Data(bytes).write(to: URL(fileURLWithPath: target))
            injected += 1
            let context = "trial \(trial): \(target.dropFirst(path.count)) \(what)"

            if hitManifest {
                manifestInjected += 1
                do {
                    _ = try Store.open(at: path)
                    Issue.record("\(context): damaged manifest opened without error")
                } catch let error as StorageError {
                    let text = "\(error)"
                    if case .manifestDamaged = error, text.contains(Manifest.fileName), text.contains("tally repair") { manifestDetected += 1 }
                    #expect(text.contains(Manifest.fileName), "\(context): error does not name the manifest: \(text)")
                }
                // Its copy is intact: repair restores every row and nothing is lost.
                let report = try Store.repairManifest(at: path)
                #expect(report?.source == .copy(generation: 3) && report?.lost.isEmpty == true, "\(context): \(String(describing: report))")
                #expect(try StoreContents(storeAt: path, batch: batch) == contents, "\(context): after repairing the manifest")
                manifestRepaired += 1
                continue
            }

            let store = try Store.open(at: path)
            let damage = store.verify()
            if damage.count == 1, damage[0].path == target { detected += 1 }
            #expect(damage.count == 1, "\(context): verify reported \(damage)")
            guard let d = damage.first else { try store.close(); continue }
            let text = d.description
            #expect(text.contains(target) && text.contains("partition") && text.contains(d.entry.projectId), "\(context): \(text)")
            let moved = try store.repair()
            #expect(moved.map(\.path) == [target], "\(context)")
            #expect(store.verify().isEmpty, "\(context)")
            var expected = contents
            for (project, rows) in perPart[template + target.dropFirst(path.count)]!.rows {
                expected.rows[project]! -= rows
                expected.cost[project]! -= perPart[template + target.dropFirst(path.count)]!.cost[project]!
                if expected.rows[project] == 0 { expected.rows[project] = nil; expected.cost[project] = nil }
            }
            #expect(try StoreContents(store.snapshot(), batch: batch) == expected, "\(context)")
            try store.close()
            #expect(try StoreContents(storeAt: path) == expected, "\(context): after reopen")
            let quarantined = FileManager.default.fileExists(atPath: path + "/quarantine")
            #expect(quarantined, "\(context): nothing in quarantine/")
        }
        #expect(detected + manifestDetected == injected)
        ReliabilityBudget.report("torn writes: \(detected + manifestDetected) of \(injected) damages detected (\(manifestDetected) of \(manifestInjected) in MANIFEST, \(manifestRepaired) repaired from its copy), \(unchanged) no-op damages skipped, \(String(format: "%.1f", clock.seconds)) s")
    }
}
