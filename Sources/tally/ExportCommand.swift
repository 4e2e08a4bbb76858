import ArgumentParser
import Foundation
import Tally
import TallyParquet

/// `tally export`: write records as CSV, JSONL or a Hive-partitioned Parquet tree (a
/// project, a user, a date range, or everything).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records as CSV, JSONL or Parquet (for other engines, or data-export requests).",
        discussion: """
            Parquet goes to a directory (--out, absent or empty) in Hive layout:
            project_id=<id>/month=YYYY-MM/part-0.parquet (or date=YYYY-MM-DD with --partition-by day),
            ZSTD pages, dictionary-encoded text, DATE, TIMESTAMP(MILLIS, UTC) and cost_usd as DECIMAL(18,9).
            """)

    @OptionGroup var options: StoreOption
    @Option(help: "csv, jsonl or parquet.")
    var format: String = "csv"
    @Option(help: "Output file (- for standard output); for parquet, a directory.")
    var out: String = "-"
    @Option(help: "Parquet only: one directory per day or per month (fewer, larger files).")
    var partitionBy: String = "month"
    @Option(help: "Only this project.")
    var project: String?
    @Option(help: "First day (YYYY-MM-DD, UTC), inclusive.")
    var from: String?
    @Option(help: "Last day (YYYY-MM-DD, UTC), inclusive.")
    var to: String?
    @Option(help: "Only this user_id's records, across projects (a data-export request).")
    var user: String?

    func validate() throws {
        guard ["csv", "jsonl", "parquet"].contains(format) else { throw ValidationError("--format must be csv, jsonl or parquet") }
        guard HivePartitionedExport.Granularity(rawValue: partitionBy) != nil else { throw ValidationError("--partition-by must be day or month") }
        if format == "parquet" && out == "-" { throw ValidationError("--format parquet writes a directory tree: name it with --out DIR") }
        if let from, CivilDate.parseISODate(from) == nil { throw ValidationError("--from '\(from)' is not a date (YYYY-MM-DD)") }
        if let to, CivilDate.parseISODate(to) == nil { throw ValidationError("--to '\(to)' is not a date (YYYY-MM-DD)") }
    }

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        let first = from.flatMap { CivilDate.parseISODate($0) } ?? Int32.min
        let last = to.flatMap { CivilDate.parseISODate($0) } ?? Int32.max
        let days: ClosedRange<Int32>? = (from == nil && to == nil) ? nil : first...max(first, last)
        let parts = try store.snapshot().parts(project: project, days: days)
            .sorted { ($0.entry.projectId, $0.entry.monthKey, $0.entry.id) < ($1.entry.projectId, $1.entry.monthKey, $1.entry.id) }
            .filter { part in try user.map { try part.mayHoldRows(ofUser: $0) } ?? true }
        if format == "parquet" { return try exportParquet(parts, days: days) }
        let fd: Int32
        if out == "-" {
            fd = STDOUT_FILENO
        } else {
            fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw CLIError("cannot write \(out): \(String(cString: strerror(errno)))") }
        }
        defer { if fd != STDOUT_FILENO { close(fd) } }
        var rows = 0
        if format == "csv" {
            var writer = CSVRecordWriter(fileDescriptor: fd, name: out)
            for p in parts {
                try p.reader().readAllRecords { r in
                    if let days, !days.contains(r.day) { return }
                    if let user, r.userId != user { return }
                    try writer.write(r)
                    rows += 1
                }
            }
            try writer.flush()
        } else {
            var writer = JSONLRecordWriter(fileDescriptor: fd, name: out)
            for p in parts {
                try p.reader().readAllRecords { r in
                    if let days, !days.contains(r.day) { return }
                    if let user, r.userId != user { return }
                    try writer.write(r)
                    rows += 1
                }
            }
            try writer.flush()
        }
        if out != "-" { printError("exported \(grouped(rows)) rows to \(out)") }
    }

    /// Writes the Hive tree: parts in (project, month) order, so each partition's file is
    /// closed as soon as its project and month are done.
    private func exportParquet(_ parts: [PartHandle], days: ClosedRange<Int32>?) throws {
        let export = try HivePartitionedExport(root: out, granularity: HivePartitionedExport.Granularity(rawValue: partitionBy)!)
        var current: (String, Int32)? = nil
        for p in parts {
            if let c = current, c != (p.entry.projectId, p.entry.monthKey) { try export.closePartitions() }
            current = (p.entry.projectId, p.entry.monthKey)
            try p.reader().readAllRecords { r in
                if let days, !days.contains(r.day) { return }
                if let user, r.userId != user { return }
                try export.write(r)
            }
        }
        let files = try export.close()
        printError("exported \(grouped(export.rowCount)) rows to \(grouped(files.count)) Parquet files under \(out)")
    }
}
