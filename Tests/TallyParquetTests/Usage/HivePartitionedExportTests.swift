import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport
@testable import TallyParquet

@Suite struct HivePartitionedExportTests {
    @Test func layoutByDayAndMonth() throws {
        let dir = try TemporaryDirectory(prefix: "parquet-hive")
        defer { dir.remove() }
        let day = Int64(CivilDate.dayNumber(year: 2026, month: 3, day: 31)) * CivilDate.millisecondsPerDay
        let records = [
            UsageRecord(projectId: "a/b=c", ts: day, service: "s", unit: "u", quantity: 1, costNanos: 1),
            UsageRecord(projectId: "a/b=c", ts: day + CivilDate.millisecondsPerDay, service: "s", unit: "u", quantity: 2, costNanos: 2),
            UsageRecord(projectId: "ünï", ts: day + 5, service: "s", unit: "u", quantity: 3, costNanos: 3),
        ]
        for g in HivePartitionedExport.Granularity.allCases {
            let root = dir.path + "/" + g.rawValue
            let export = try HivePartitionedExport(root: root, granularity: g, rowGroupRows: 1)
            for r in records { try export.write(r) }
            let files = try export.close()
            let expected = g == .day
                ? ["project_id=a%2Fb%3Dc/date=2026-03-31/part-0.parquet", "project_id=a%2Fb%3Dc/date=2026-04-01/part-0.parquet",
                   "project_id=ünï/date=2026-03-31/part-0.parquet"]
                : ["project_id=a%2Fb%3Dc/month=2026-03/part-0.parquet", "project_id=a%2Fb%3Dc/month=2026-04/part-0.parquet",
                   "project_id=ünï/month=2026-03/part-0.parquet"]
            #expect(files.sorted() == expected)
            var back = [UsageRecord]()
            for f in files {
                let reader = try UsageParquetReader(path: root + "/" + f)
                while try reader.nextBatch(into: &back) > 0 {}
            }
            #expect(Set(back) == Set(records))
        }
    }

    @Test func refusesANonEmptyDirectory() throws {
        let dir = try TemporaryDirectory(prefix: "parquet-full")
        defer { dir.remove() }
        _ = FileManager.default.createFile(atPath: dir.path + "/old.parquet", contents: Data())
        #expect(throws: ParquetError.self) { _ = try HivePartitionedExport(root: dir.path, granularity: .month) }
    }
}
