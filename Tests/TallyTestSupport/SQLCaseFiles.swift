import Foundation

/// Where the SQL behaviour cases live: one small file per case, its expected result beside
/// it. The suites that check them and the fuzzer that mutates them read them from here,
/// so a case is written once.
public enum SQLCaseFiles {
    /// `Tests/`, found from this file's place in it.
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// Parser cases: `NAME.sql` and `NAME.expected`, the normalised statement or the
    /// rendered error (TallySQLTests).
    public static let parserCases = tests.appendingPathComponent("TallySQLTests/Cases")

    /// Query cases: `NAME.sql` and `NAME.csv`, DuckDB's answer on the CLI suite's demo
    /// store, written by `Tools/sql_vs_duckdb.py --write-expected` (TallyCLITests).
    public static let queryCases = tests.appendingPathComponent("TallyCLITests/SQLDifferential/cases")

    /// The cases in `directory`: the NAME of every `NAME.sql`, sorted.
    public static func names(in directory: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The text of case `name` in `directory`, exactly as written.
    public static func sql(_ name: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".sql"), encoding: .utf8)
    }

    /// The file beside case `name` with extension `ext` (its expected result).
    public static func expected(_ name: String, _ ext: String, in directory: URL) -> URL {
        directory.appendingPathComponent(name + "." + ext)
    }
}
