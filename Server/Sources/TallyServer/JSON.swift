import Tally

/// A JSON value to send: objects keep their key order, numbers keep their exact text
/// (money is written from integer nano-USD, never through a Double).
public indirect enum JSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written exactly as this text (already valid JSON).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSON])
    /// An object, keys in this order.
    case object([(String, JSON)])

    /// An integer.
    public static func int<I: BinaryInteger>(_ v: I) -> JSON { .number(String(v)) }

    /// A double (non-finite values, which JSON cannot hold, become null).
    public static func double(_ v: Double) -> JSON {
        guard v.isFinite else { return .null }
        if v == v.rounded(), abs(v) < 1e15 { return .number(String(Int64(v))) }
        return .number(String(v))
    }

    /// Nano-USD as a decimal number of dollars with 9 fractional digits, e.g. 1.250000000.
    public static func usd(_ nanos: Int128) -> JSON {
        let negative = nanos < 0
        let magnitude = negative ? -nanos : nanos
        var fraction = String(magnitude % 1_000_000_000)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        return .number((negative ? "-" : "") + String(magnitude / 1_000_000_000) + "." + fraction)
    }

    /// An optional, null when absent.
    public static func optional<T>(_ v: T?, _ f: (T) -> JSON) -> JSON { v.map(f) ?? .null }

    /// The JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSON.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSON.quote(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    /// `s` as a JSON string: quotes, backslashes and control characters escaped, the
    /// rest (UTF-8 included) as it is.
    static func quote(_ s: String, into out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            if scalar == "\"" || scalar == "\\" {
                out.append("\\")
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 {
                let short: [UInt32: String] = [0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"]
                out += short[scalar.value] ?? "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    public static func == (a: JSON, b: JSON) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
