/// A table function in FROM: `generate_series(start, stop[, step]) [AS] t[(col)]` or
/// `range(...)`, the series DuckDB generates, or a local file: `read_csv(path, ...)`,
/// `read_parquet(path)` (and `FROM 'path.csv'`, which the parser turns into the call).
/// Other table functions are refused.
package struct SyntaxTableFunction: Sendable {
    /// The function's name, lower-cased.
    package var name: String
    /// Where the name is.
    package var nameRange: SourceRange
    /// The arguments as written.
    package var arguments: [SyntaxExpression]
    /// `[AS] t[(col)]`.
    package var alias: SyntaxTable?
    /// The call, from its name to the closing parenthesis.
    package var range: SourceRange
    /// Written as `FROM 'path'`: the relation is named after the file (`teams` for
    /// 'data/teams.csv'), as DuckDB names a replacement scan.
    package var isReplacementScan = false

    /// The table functions Tally has.
    package static let names: Set<String> = Set(["generate_series", "range"]).union(fileFunctions)

    /// The table functions that read a file.
    package static let fileFunctions: Set<String> = ["read_csv", "read_csv_auto", "read_parquet", "parquet_scan"]

    /// The function DuckDB's replacement scan reads `FROM 'path'` with, by the path's
    /// extension (nil: not a file Tally reads).
    package static func replacementScan(_ path: String) -> String? {
        let lower = path.lowercased()
        if lower.hasSuffix(".parquet") { return "read_parquet" }
        if [".csv", ".tsv", ".txt"].contains(where: lower.hasSuffix) { return "read_csv" }
        return nil
    }
}
