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
        guard ExportFormat(rawValue: format) != nil else { throw ValidationError("--format must be csv, jsonl or parquet") }
        guard HivePartitionedExport.Granularity(rawValue: partitionBy) != nil else { throw ValidationError("--partition-by must be day or month") }
        if format == "parquet" && out == "-" { throw ValidationError("--format parquet writes a directory tree: name it with --out DIR") }
        if let from, CivilDate.parseISODate(from) == nil { throw ValidationError("--from '\(from)' is not a date (YYYY-MM-DD)") }
        if let to, CivilDate.parseISODate(to) == nil { throw ValidationError("--to '\(to)' is not a date (YYYY-MM-DD)") }
    }

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        var exportOptions = Exporter.Options()
        exportOptions.format = ExportFormat(rawValue: format)!
        exportOptions.partitionBy = HivePartitionedExport.Granularity(rawValue: partitionBy)!
        exportOptions.project = project
        exportOptions.userId = user
        if from != nil || to != nil {
            let first = from.flatMap { CivilDate.parseISODate($0) } ?? Int32.min
            let last = to.flatMap { CivilDate.parseISODate($0) } ?? Int32.max
            exportOptions.days = first...max(first, last)
        }
        // No progress line when the records themselves go to the terminal.
        let progress = out == "-" ? nil : ProgressLine(total: nil, unit: "rows")
        defer { progress?.finish() }
        let summary = try Exporter(store: store).exportFile(out, options: exportOptions) { bytes, rows in
            progress?.update(rows, extra: "\(grouped(Int(bytes))) bytes")
        }
        progress?.finish()
        if exportOptions.format == .parquet {
            printError("exported \(grouped(summary.rows)) rows to \(grouped(summary.files.count)) Parquet files under \(out)")
        } else if out != "-" {
            printError("exported \(grouped(summary.rows)) rows to \(out)")
        }
    }
}
