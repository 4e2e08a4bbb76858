import TallySystem
import TallyFormat
/// What can go wrong with API keys, with what to do.
public enum APIKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No key with this id (or this key) is stored.
    case unknownKey(String)
    /// A key cannot be made for an empty project id.
    case emptyProject
    /// The keys file cannot be read as keys.
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownKey(k): return "no API key \(k) in this store; `tally keys list` shows the key ids"
        case .emptyProject: return "the project id is empty; name the project the key is for"
        case let .corrupt(path, reason): return "the keys file \(path) is damaged (\(reason)); restore it from a backup or delete it and create new keys"
        }
    }
}
