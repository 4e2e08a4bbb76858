import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Writing exported records failed (the operating system refused a write).
public struct RecordExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The output's name as given to the writer (`<stdout>` for standard output).
    public var file: String
    /// The `errno` of the failed write.
    public var errno: Int32
    /// What went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(file: String, errno: Int32, message: String) {
        self.file = file
        self.errno = errno
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
