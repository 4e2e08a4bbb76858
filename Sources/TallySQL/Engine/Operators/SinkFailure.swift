/// The error a spilling sink met: a sink may only throw `SQLError`, so a spill failure or
/// a cancellation met while spilling is kept here, the sink asks for no more input, and
/// the executor throws it once the pipeline has stopped (`SortSink`, `JoinBuildSink`).
struct SinkFailure {
    private(set) var error: Error?

    /// Runs `body` unless an error was kept: an `SQLError` is thrown on, any other kept.
    /// False when input should stop (an error is kept).
    mutating func run(_ body: () throws -> Void) throws(SQLError) -> Bool {
        guard error == nil else { return false }
        do {
            try body()
        } catch let e as SQLError {
            throw e
        } catch {
            self.error = error
            return false
        }
        return true
    }

    /// Keeps another sink's error if this one has none.
    mutating func adopt(_ other: SinkFailure) {
        if error == nil { error = other.error }
    }
}
