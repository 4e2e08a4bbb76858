import Foundation
import Tally
import TallyTestSupport

/// What a store holds, reduced to the figures the reliability tests compare: rows and
/// exact cost sums per project, read by scanning every live part (not from the
/// manifest's counts alone, so a part that lies about its rows is caught too).
struct StoreContents: Equatable, CustomStringConvertible {
    /// Rows per project.
    var rows: [String: Int] = [:]
    /// Exact cost sums per project (Int128: random costs near Int64.max/4 would overflow).
    var cost: [String: Int128] = [:]

    var totalRows: Int { rows.values.reduce(0, +) }
    var totalCost: Int128 { cost.values.reduce(0, +) }

    var description: String { "\(totalRows) rows, cost \(totalCost), \(rows.count) projects" }

    /// Scans a snapshot in full.
    init(_ snapshot: Snapshot, batch: ColumnBatch = ColumnBatch()) throws {
        for project in snapshot.projectIds {
            var n = 0
            var sum: Int128 = 0
            try snapshot.scan(project: project, days: nil, columns: [.cost], batch: batch) { _, batch, range in
                n += range.count
                for i in range { sum += Int128(batch.cost[i]) }
            }
            if n > 0 {
                rows[project] = n
                cost[project] = sum
            }
        }
    }

    /// Opens the store read-only (as a second process would after a crash) and scans it.
    init(storeAt path: String, batch: ColumnBatch = ColumnBatch()) throws {
        var options = StoreOptions()
        options.readOnly = true
        options.createIfMissing = false
        let store = try Store.open(at: path, options: options)
        try self.init(store.snapshot(), batch: batch)
    }

    /// Empty contents.
    init() {}

    /// The contents of `records` as a store would hold them (costs as given).
    init(records: [UsageRecord]) {
        for r in records {
            rows[r.projectId, default: 0] += 1
            cost[r.projectId, default: 0] += Int128(r.costNanos ?? 0)
        }
    }

    /// The union of two disjoint contents.
    func adding(_ other: StoreContents) -> StoreContents {
        var out = self
        for (k, v) in other.rows { out.rows[k, default: 0] += v }
        for (k, v) in other.cost { out.cost[k, default: 0] += v }
        return out
    }
}

/// Records whose costs are all set and priced-as-given, so a store's contents can be
/// predicted exactly from them.
enum ReliabilityRecords {
    /// `count` schema-valid records spread over `projects` projects named `prefix-N`
    /// and a couple of months, with explicit costs.
    static func make(count: Int, seed: UInt64, prefix: String = "p", projects: Int = 3, days: Int = 60) -> [UsageRecord] {
        RandomRecords.make(count: count, seed: seed, projects: projects, days: days).enumerated().map { i, r in
            var r = r
            r.projectId = "\(prefix)-\(i % projects)"
            if r.costSource == .unpriced { r.costSource = .given }
            return r
        }
    }

    /// The records with costs cut to what Parquet's DECIMAL(18,9) holds (random costs
    /// reach Int64.max / 4), for tests that export or import Parquet.
    static func parquetCosts(_ records: [UsageRecord]) -> [UsageRecord] {
        records.map { r in
            var r = r
            r.costNanos = r.costNanos.map { $0 % UsageParquetSchema.maxCostNanos }
            return r
        }
    }
}

/// Opt-in long runs: `TALLY_LONG_TESTS=1 swift test --filter TallyReliabilityTests`.
enum ReliabilityBudget {
    static let isLong = ProcessInfo.processInfo.environment["TALLY_LONG_TESTS"] == "1"

    /// `ci` seconds normally, `long` seconds when long tests are enabled.
    static func seconds(ci: Double, long: Double) -> Double { isLong ? long : ci }

    /// Appends one line of figures to the file named by `TALLY_RELIABILITY_REPORT`, if set,
    /// so the numbers quoted in RELIABILITY.md come from a real run.
    static func report(_ line: String) {
        print("[reliability] " + line)
        guard let path = ProcessInfo.processInfo.environment["TALLY_RELIABILITY_REPORT"] else { return }
        let data = Data((line + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(data)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        }
    }
}

/// Elapsed wall-clock time.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

extension Snapshot {
    /// Decodes every row of every live part, checking every block checksum on the way;
    /// returns the parts that fail. The same check as `Store.verify()` for column data,
    /// but with one reused batch: `verify()` allocates a fresh row-group batch per part,
    /// which in a debug build costs tens of milliseconds each, too much to run after
    /// every one of hundreds of kills.
    func damagedParts(batch: ColumnBatch) -> [String] {
        var damaged = [String]()
        for handle in parts {
            do {
                var n = 0
                try handle.reader().readAllRecords(batch: batch) { _ in n += 1 }
                if n != handle.entry.rowCount { damaged.append("\(handle.path): \(n) rows decoded, \(handle.entry.rowCount) listed") }
            } catch {
                damaged.append("\(handle.path): \(error)")
            }
        }
        return damaged
    }
}
