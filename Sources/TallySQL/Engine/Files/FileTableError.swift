/// A file in FROM that cannot be read as a table: what is wrong, and where in the file (a
/// CSV line, a column), in the caller's terms. The binder reports it as an `SQLError` at
/// the call.
struct FileTableError: Error {
    /// What is wrong, naming the file and the place in it.
    var message: String
    /// What to do about it.
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// The error at `range` of the query.
    func sqlError(at range: SourceRange) -> SQLError {
        SQLError(.invalidArgument, message, at: range, hint: hint)
    }
}
