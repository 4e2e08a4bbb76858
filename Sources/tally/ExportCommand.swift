import ArgumentParser
import Foundation
import Tally

/// `tally export`: write records as CSV or JSONL (a project, a user, a date range, or everything).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records as CSV or JSONL (for other engines, or data-export requests).")

    @OptionGroup var options: StoreOption
    @Option(help: "csv or jsonl.")
    var format: String = "csv"
    @Option(help: "Output file (- for standard output).")
    var out: String = "-"
    @Option(help: "Only this project.")
    var project: String?
    @Option(help: "First day (YYYY-MM-DD, UTC), inclusive.")
    var from: String?
    @Option(help: "Last day (YYYY-MM-DD, UTC), inclusive.")
    var to: String?
    @Option(help: "Only this user_id's records, across projects (a data-export request).")
    var user: String?

    func validate() throws {
        guard ["csv", "jsonl"].contains(format) else { throw ValidationError("--format must be csv or jsonl") }
        if let from, CivilDate.parseISODate(from) == nil { throw ValidationError("--from '\(from)' is not a date (YYYY-MM-DD)") }
        if let to, CivilDate.parseISODate(to) == nil { throw ValidationError("--to '\(to)' is not a date (YYYY-MM-DD)") }
    }

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        let first = from.flatMap { CivilDate.parseISODate($0) } ?? Int32.min
        let last = to.flatMap { CivilDate.parseISODate($0) } ?? Int32.max
        let days: ClosedRange<Int32>? = (from == nil && to == nil) ? nil : first...max(first, last)
        let fd: Int32
        if out == "-" {
            fd = STDOUT_FILENO
        } else {
            fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw CLIError("cannot write \(out): \(String(cString: strerror(errno)))") }
        }
        defer { if fd != STDOUT_FILENO { close(fd) } }
        let parts = try store.snapshot().parts(project: project, days: days)
            .sorted { ($0.entry.projectId, $0.entry.monthKey, $0.entry.id) < ($1.entry.projectId, $1.entry.monthKey, $1.entry.id) }
            .filter { part in try user.map { try part.mayHoldRows(ofUser: $0) } ?? true }
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
}
