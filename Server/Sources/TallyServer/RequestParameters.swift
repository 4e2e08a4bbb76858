import Foundation
import Hummingbird
import Tally

/// Reading query parameters, with a 400 naming the parameter when one is bad.
struct RequestParameters {
    let query: Parameters

    init(_ request: Request) { query = request.uri.queryParameters }

    func string(_ name: String) -> String? {
        guard let v = query[name[...]], !v.isEmpty else { return nil }
        return String(v)
    }

    func bool(_ name: String) throws -> Bool {
        guard let v = string(name) else { return false }
        switch v {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("'\(name)' must be true or false", field: name, value: v)
        }
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = string(name) else { return nil }
        guard let n = Int(v), range.contains(n) else {
            throw APIError.badRequest("'\(name)' must be an integer in \(range.lowerBound)...\(range.upperBound)", field: name, value: v)
        }
        return n
    }

    /// `from` and `to` (YYYY-MM-DD, inclusive) in `tz` (IANA name, default UTC); without
    /// them, the 30 days ending today.
    func window(now: Date = Date()) throws -> DateWindow {
        var zone = TimeZone(identifier: "UTC")!
        if let name = string("tz") {
            guard let z = TimeZone(identifier: name) else { throw APIError.badRequest("'tz' is not an IANA time zone name such as Europe/Berlin", field: "tz", value: name) }
            zone = z
        }
        func day(_ name: String) throws -> Int32? {
            guard let v = string(name) else { return nil }
            guard let d = CivilDate.parseISODate(v) else { throw APIError.badRequest("'\(name)' must be a date YYYY-MM-DD", field: name, value: v) }
            return d
        }
        let todayMs = Int64(now.timeIntervalSince1970 * 1000) + Int64(zone.secondsFromGMT(for: now)) * 1000
        let to = try day("to") ?? CivilDate.dayNumber(forMilliseconds: todayMs)
        let from = try day("from") ?? to - 29
        guard from <= to else { throw APIError.badRequest("'from' is after 'to'", field: "from", value: string("from")) }
        guard to - from < 3660 else { throw APIError.badRequest("the window is longer than ten years; ask for less", field: "from", value: string("from")) }
        return DateWindow(from: from, to: to, timeZone: zone)
    }
}
