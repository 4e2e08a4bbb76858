import Foundation

/// Runs one fuzz target's code on one input at a time.
///
/// Created once per process (the fuzzer's entry point, or a test): targets that need
/// files (a part file, a store for SQL) make them under `scratchFolder`, which the
/// caller owns and removes.
package final class FuzzHarness {
    /// The target whose code `run` executes.
    package let target: FuzzTarget
    /// Where this harness writes its files.
    package let scratchFolder: String
    /// The store `sql-run` runs statements on, made on first use.
    lazy var sqlStore = SQLFuzzStore(folder: scratchFolder + "/store")

    /// Creates a harness writing under `scratchFolder` (created if missing).
    package init(target: FuzzTarget, scratchFolder: String) {
        self.target = target
        self.scratchFolder = scratchFolder
        try? FileManager.default.createDirectory(atPath: scratchFolder, withIntermediateDirectories: true)
    }

    /// Runs the target's code on `bytes`.
    /// - Throws: `FuzzFinding` when the input broke a property without crashing.
    package func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        switch target {
        case .manifest: runManifest(bytes)
        case .part: runPart(bytes)
        case .csv: try runCSV(bytes)
        case .jsonl: try runJSONL(bytes)
        case .streams: runStreams(bytes)
        case .sql: runSQL(bytes)
        case .sqlRun: try runSQLStatement(bytes)
        }
    }
}
