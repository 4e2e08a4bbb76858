import Foundation

/// Why an operator could not spill to, or read back from, its temporary files: the path,
/// what failed, and what to do (free disk space, or point `temp_directory` elsewhere).
package struct SpillError: Error, Sendable, CustomStringConvertible {
    /// The file or directory.
    package let path: String
    /// What was being done (`create the spill directory`, `write`, `read`).
    package let operation: String
    /// The system's reason.
    package let reason: String

    init(_ operation: String, _ path: String, errno code: Int32) {
        self.operation = operation
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    init(_ operation: String, _ path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    package var description: String {
        "the query needs more than its memory_limit and could not \(operation) \(path) to spill: \(reason) "
            + "(free disk space there, SET temp_directory = '/a/writable/folder', or raise SET memory_limit)"
    }
}
