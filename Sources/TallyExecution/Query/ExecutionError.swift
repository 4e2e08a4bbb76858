import TallySystem
import TallyFormat
import TallyStore
/// Why a query cannot run.
public enum ExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query asks for something the engine does not support.
    case unsupported(String)
    /// A parameter is out of range (for example a quantile outside 0...1).
    case invalidArgument(String)
    /// The caller cancelled the query through its `QueryProgress`.
    case cancelled

    public var description: String {
        switch self {
        case let .unsupported(what): return "unsupported query: \(what)"
        case let .invalidArgument(what): return "invalid query argument: \(what)"
        case .cancelled: return "query cancelled"
        }
    }
}
