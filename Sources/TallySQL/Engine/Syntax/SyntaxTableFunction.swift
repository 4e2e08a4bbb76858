/// A table function in FROM: `generate_series(start, stop[, step]) [AS] t[(col)]` or
/// `range(...)`, the series DuckDB generates (the other table functions are refused).
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

    /// The table functions Tally has.
    package static let names: Set<String> = ["generate_series", "range"]
}
