import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Writing exported records failed (the operating system refused a write).
package struct RecordExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The output's name as given to the writer (`<stdout>` for standard output).
    package var file: String
    /// The `errno` of the failed write.
    package var errno: Int32
    /// What went wrong and what to do.
    package var message: String

    /// Creates an error.
    package init(file: String, errno: Int32, message: String) {
        self.file = file
        self.errno = errno
        self.message = message
    }

    /// `file: message`.
    package var description: String { "\(file): \(message)" }
}
