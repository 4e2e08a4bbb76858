import ArgumentParser
import Foundation
import Tally
import TallySQL

/// `tally import`: bulk-import usage records (CSV, JSONL) or agent-runtime streams.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import usage records (CSV, JSONL) or agent-runtime streams into a store.",
        discussion: """
            Each file is imported all-or-nothing: a bad line fails the file and stores nothing of
            it (use --skip-bad-lines to keep the good lines). A file already imported (same
            content, or same --key) is skipped. Rows without a cost are priced from the store's
            rate card. Use - to read standard input.
            """)

    @OptionGroup var options: StoreOption
    @Option(help: "auto, csv, jsonl, claude-stream-json, claude-session, codex-exec, opencode-run or pi-session.")
    var format: String = "auto"
    @Flag(help: "Import the good lines and list the bad ones instead of failing the file.")
    var skipBadLines = false
    @Option(help: "Batch identity for deduplication (default: the file's content fingerprint).")
    var key: String?
    @Flag(help: "Import even if the same content or key was imported before.")
    var allowDuplicate = false
    @Option(help: "Block codec when the store is created.")
    var codec: CodecName = .lz4
    @Flag(help: "Print the summary even when standard output is not a terminal.")
    var verbose = false

    @Option(help: "Stream attribution: project id.") var project: String?
    @Option(name: .customLong("run"), help: "Stream attribution: run id.") var runId: String?
    @Option(help: "Stream attribution: sandbox id.") var sandbox: String?
    @Option(help: "Stream attribution: chain id.") var chain: String?
    @Option(help: "Stream attribution: issue session id.") var issueSession: String?
    @Option(help: "Stream attribution: step type.") var stepType: String?
    @Option(help: "Stream attribution: step index.") var stepIndex: Int32?
    @Option(help: "Stream attribution: user id.") var user: String?
    @Option(help: "Stream attribution: persona id.") var persona: String?
    @Option(help: "Stream attribution: tool id (default from the format).") var tool: String?
    @Option(help: "Stream attribution: model id when the stream has none.") var model: String?
    @Option(help: "Stream attribution: service (lower_snake, e.g. openai) for every record, instead of the one derived from the model.") var service: String?
    @Option(help: "Stream attribution: timestamp (ms since epoch) for streams without timestamps.") var timestamp: Int64?

    @Argument(help: "Files to import (- for standard input).")
    var files: [String]

    func validate() throws {
        guard ImportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
    }

    func run() throws {
        var storeOptions = StoreOptions()
        storeOptions.codec = codec.codec
        let store = try Store.openPriced(at: options.store, options: storeOptions)
        defer { try? store.close() }
        var importOptions = Importer.Options()
        importOptions.format = ImportFormat(rawValue: format)!
        importOptions.skipBadLines = skipBadLines
        importOptions.identity = key
        importOptions.allowDuplicate = allowDuplicate
        if let project {
            var a = StreamAttribution(projectId: project)
            a.runId = runId
            a.sandboxId = sandbox
            a.chainId = chain
            a.issueSessionId = issueSession
            a.stepType = stepType
            a.stepIndex = stepIndex
            a.userId = user
            a.personaId = persona
            a.toolId = tool
            a.defaultModel = model
            a.defaultTimestampMs = timestamp
            a.serviceOverride = service
            importOptions.attribution = a
        }
        let interactive = isatty(STDOUT_FILENO) == 1 || verbose
        let importer = Importer(store: store)
        var failed = 0
        for file in files {
            let total = file == "-" ? nil : ((try? FileSystem().status(file)) ?? nil)?.size
            let progress = ProgressLine(total: total, unit: "bytes")
            do {
                let summary = try importer.importFile(file, options: importOptions) { bytes, rows in
                    progress.update(Int(bytes), extra: "\(grouped(rows)) rows")
                }
                progress.finish()
                // The summary names the file and the unpriced model ids: data, escaped.
                if interactive { printText(describe(summary)) }
                for w in summary.warnings { printError("warning: \(w)") }
                for e in summary.skippedErrors { printError("skipped: \(e)") }
            } catch {
                progress.finish()
                printError("Error: \(error)")
                failed += 1
            }
        }
        try store.close()
        if failed > 0 { throw ExitCode(1) }
    }

    /// The summary for people. The file name, identity and model ids come from data and
    /// are escaped one by one, so that a line break in one cannot start a line of its own.
    func describe(_ s: ImportSummary) -> String {
        let file = TerminalText.escaped(s.file)
        if s.duplicate { return "\(file): already imported (\(TerminalText.escaped(s.identity ?? "same key"))); skipped" }
        var lines = ["\(file): \(grouped(s.rowsImported)) rows imported as \(s.format.rawValue) in \(String(format: "%.2f", s.seconds)) s"
                     + (s.seconds > 0 ? " (\(grouped(Int(Double(s.rowsImported) / s.seconds))) rows/s)" : "")]
        lines.append("  cost \(Money.format(nanos: s.costNanos)) USD \(costOrigin(s))" + (s.reportedCostNanos.map { ", runtime reported \(Money.format(nanos: $0)) USD" } ?? ""))
        if s.rowsSkipped > 0 { lines.append("  \(grouped(s.rowsSkipped)) bad lines skipped") }
        if s.rowsAlreadyStored > 0 {
            lines.append("  \(grouped(s.rowsAlreadyStored)) rows already stored (same request id and unit) skipped")
        }
        if s.rowsToppedUp > 0 {
            lines.append("  \(grouped(s.rowsToppedUp)) rows of requests stored before with a smaller count: only the growth stored")
        }
        if s.unpricedRows > 0 {
            lines.append("  \(grouped(s.unpricedRows)) rows unpriced (no rate; add one with `tally rates`):")
            for (key, n) in s.unpriced.sorted(by: { $0.value > $1.value }) { lines.append("    \(TerminalText.escaped(key)): \(grouped(n))") }
        }
        return lines.joined(separator: "\n")
    }
}

extension ImportCommand {
    /// Where the summary's cost came from: the file's own `cost_usd`, the rate card, or both.
    func costOrigin(_ s: ImportSummary) -> String {
        let priced = s.costNanos - s.givenCostNanos
        if s.givenCostNanos == 0 { return "from the rate card" }
        if priced == 0 { return "as given in the file" }
        return "(\(Money.format(nanos: s.givenCostNanos)) as given in the file, \(Money.format(nanos: priced)) from the rate card)"
    }
}

/// Money formatting: exact nano-USD with 9 decimals, as the SQL layer prints it.
enum Money {
    static func format(nanos: Int128) -> String { SQLValue.money(nanos).plainText }
}
