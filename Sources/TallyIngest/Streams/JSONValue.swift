import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// A parsed JSON value as the stream parsers see it.
///
/// Numbers keep their source text so that money (`total_cost_usd`, `cost.total`) can be
/// converted to nano-USD exactly, without a `Double` round trip, and so that token counts
/// larger than 2^53 are not silently rounded.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written in the source (validated against the JSON grammar).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; `nil` for other values or a missing key.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string payload, or `nil` when this is not a string.
    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean payload, or `nil` when this is not a boolean.
    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// Whether this is an object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// A short name of the value's kind, for problem messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
