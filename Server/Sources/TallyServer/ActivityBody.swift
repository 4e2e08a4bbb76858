import Foundation
import Tally

/// Turns a POST body, one event object or an array of them, into activity events:
/// `{"kind": "run_created", "ts": 1790000000000, "count": 3}`; `ts` (ms since the epoch,
/// or RFC 3339 text) defaults to now; `count` is read for `iterations` only.
enum ActivityBody {
    static func events(_ body: [UInt8], project: String, now: Int64) throws -> [ActivityEvent] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw APIError.badRequest("the body is not valid JSON; send an event object or an array of them")
        }
        let objects: [Any] = (parsed as? [Any]) ?? [parsed]
        guard !objects.isEmpty else { throw APIError.badRequest("the body holds no event") }
        return try objects.enumerated().map { i, item in
            let at = objects.count > 1 ? "event \(i): " : ""
            guard let o = item as? [String: Any] else { throw APIError.badRequest(at + "an event must be a JSON object") }
            if let p = o["project_id"] {
                guard let ps = p as? String, ps == project else {
                    throw APIError(.forbidden, code: "wrong_project", message: at + "project_id is not this key's project '\(project)'", field: "project_id", value: "\(p)")
                }
            }
            guard let name = o["kind"] as? String else {
                throw APIError(.unprocessableContent, code: "invalid_event", message: at + "field 'kind' is missing; one of " + ActivityKind.names.joined(separator: ", "), field: "kind")
            }
            var count: Int64 = 1
            if let c = o["count"] {
                guard let n = wholeNumber(c), n >= 0 else {
                    throw APIError(.unprocessableContent, code: "invalid_event", message: at + "field 'count': value '\(c)' must be a whole number from 0 to \(Int64.max)", field: "count", value: "\(c)")
                }
                count = n
            }
            guard let kind = ActivityKind(name: name, count: count) else {
                throw APIError(.unprocessableContent, code: "invalid_event",
                               message: at + "field 'kind': value '\(name)' is not an activity kind; one of " + ActivityKind.names.joined(separator: ", "),
                               field: "kind", value: name)
            }
            var ts = now
            if let t = o["ts"] {
                if let s = t as? String, let d = rfc3339(s) {
                    ts = d
                } else if let n = t as? NSNumber, !(t is String), let v = Int64(exactly: n.doubleValue), v >= 0 {
                    ts = v
                } else {
                    throw APIError(.unprocessableContent, code: "invalid_event",
                                   message: at + "field 'ts': value '\(t)' is neither ms since the epoch nor an RFC 3339 time", field: "ts", value: "\(t)")
                }
            }
            return ActivityEvent(projectId: project, ts: ts, kind: kind)
        }
    }

    /// A JSON number as an exact Int64: read as an integer when it was written as one,
    /// because going through Double rounds 2^63-1 up to 2^63, which does not fit.
    static func wholeNumber(_ value: Any) -> Int64? {
        guard let n = value as? NSNumber else { return nil }
        switch String(cString: n.objCType) {
        case "d", "f": return Int64(exactly: n.doubleValue)
        case "Q": return n.uint64Value <= UInt64(Int64.max) ? Int64(n.uint64Value) : nil
        default: return n.int64Value
        }
    }

    static func rfc3339(_ s: String) -> Int64? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s).map { Int64($0.timeIntervalSince1970 * 1000) }
    }
}
