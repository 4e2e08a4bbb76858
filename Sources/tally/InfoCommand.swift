import ArgumentParser
import Foundation
import Tally

/// `tally info`: partitions, parts, rows, bytes and date range per project.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show partitions, parts, rows, bytes, compression and date range per project.")

    @OptionGroup var options: StoreOption
    @Option(help: "Output format: table or json.")
    var format: String = "table"
    @Flag(help: "Also show the stored bytes of each column.")
    var columns = false

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
    }

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        let info = try store.snapshot().info()
        if format == "json" {
            var projects = [[String: Any]]()
            for p in info.projects {
                projects.append([
                    "project_id": p.projectId, "partitions": p.partitions, "parts": p.parts, "rows": p.rows,
                    "bytes": p.bytes, "first_date": CivilDate.isoString(forDayNumber: p.firstDay),
                    "last_date": CivilDate.isoString(forDayNumber: p.lastDay),
                ])
            }
            let object: [String: Any] = [
                "store": options.store, "rows": info.rows, "bytes": info.bytes, "parts": info.parts,
                "partitions": info.partitions, "projects": projects,
                "bytes_per_row": info.rows == 0 ? 0 : Double(info.bytes) / Double(info.rows),
                "codec_ratio": info.codecRatio,
                "damaged_parts": info.damagedParts.map { ["path": $0.path, "error": $0.error] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            warnAboutDamage(info)
            return
        }
        defer { warnAboutDamage(info) }
        printText("store       \(options.store)")
        print("rows        \(grouped(info.rows))")
        print("bytes       \(grouped(info.bytes)) (\(String(format: "%.2f", info.rows == 0 ? 0 : Double(info.bytes) / Double(info.rows))) bytes/row, codec ratio \(String(format: "%.2f", info.codecRatio))x)")
        print("partitions  \(grouped(info.partitions)) in \(grouped(info.parts)) parts, \(info.projects.count) projects")
        for d in info.damagedParts { printText("damaged     \(d.path): \(d.error)") }
        guard !info.projects.isEmpty else { return }
        if columns {
            print("")
            let rows = info.columnBytes.sorted { $0.value > $1.value }.map { name, bytes in
                [name, grouped(bytes), String(format: "%.3f", Double(bytes) / Double(max(info.rows, 1)))]
            }
            printTable(header: ["column", "bytes", "bytes/row"], rows: rows, rightAligned: [1, 2])
        }
        print("")
        let rows = info.projects.map { p in
            [p.projectId, grouped(p.partitions), grouped(p.parts), grouped(p.rows), grouped(p.bytes),
             CivilDate.isoString(forDayNumber: p.firstDay), CivilDate.isoString(forDayNumber: p.lastDay)]
        }
        printTable(header: ["project_id", "partitions", "parts", "rows", "bytes", "first_date", "last_date"], rows: rows, rightAligned: [1, 2, 3, 4])
    }
}

extension InfoCommand {
    /// Damaged parts are shown with the rest, and said once more on standard error so that
    /// a script reading only the figures still hears of them.
    func warnAboutDamage(_ info: StoreInfo) {
        guard !info.damagedParts.isEmpty else { return }
        printError("warning: \(info.damagedParts.count) part file(s) could not be read (their rows and days are counted from the manifest, their column bytes are not); run `tally verify --store \(options.store)` for details")
    }
}

/// `1234567` as `1,234,567`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

/// Prints an aligned text table; cells come from data (project ids), so they are escaped
/// for the terminal first, which also keeps every row on one line.
func printTable(header: [String], rows: [[String]], rightAligned: Set<Int>) {
    let header = header.map(TerminalText.escaped), rows = rows.map { $0.map(TerminalText.escaped) }
    var widths = header.map(\.count)
    for r in rows { for (i, v) in r.enumerated() { widths[i] = max(widths[i], v.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, v in
            let pad = String(repeating: " ", count: widths[i] - v.count)
            return rightAligned.contains(i) ? pad + v : v + pad
        }.joined(separator: "  ")
    }
    print(line(header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for r in rows { print(line(r)) }
}
