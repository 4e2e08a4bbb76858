import Tally

/// Turns a POST body, one JSON record object or an array of them, into usage records
/// through the library's JSONL reader, so that a bad field gets the same message as in
/// `tally import` (field, value, what to do).
///
/// The body is rewritten as JSON Lines without re-encoding any value: each element of a
/// top-level array becomes one line (newlines between tokens become spaces), so money
/// and numbers keep their exact text. A record without `project_id` gets the path's
/// project; one naming another project is refused.
public enum UsageBody {
    /// The records of `body` for `project`; throws an `APIError` naming the record (its
    /// 0-based index in the batch), field and value at fault.
    public static func records(_ body: [UInt8], project: String) throws -> [UsageRecord] {
        let elements = try split(body)
        guard !elements.isEmpty else { throw APIError.badRequest("the body holds no record; send a JSON object or a non-empty array of them") }
        var jsonl = [UInt8]()
        jsonl.reserveCapacity(body.count + elements.count * (project.utf8.count + 20))
        var projectField = ""
        JSON.quote(project, into: &projectField)
        for e in elements {
            var line = Array(body[e.range]).map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
            if !e.hasProjectId, let brace = line.firstIndex(of: UInt8(ascii: "{")) {
                let isEmpty = line[(brace + 1)...].first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "}")
                line.insert(contentsOf: Array(("\"project_id\":" + projectField + (isEmpty ? "" : ",")).utf8), at: brace + 1)
            }
            jsonl += line
            jsonl.append(0x0A)
        }
        let records: [UsageRecord]
        do {
            records = try UsageRecord.decodeJSONLines(jsonl, name: "body")
        } catch {
            let index = error.line - 1
            let prefix = elements.count > 1 ? "record \(index): " : ""
            let field = error.column
            var message = error.message
            if let field { message = "field '\(field)'" + (error.value.map { ": value '\($0)' " } ?? ": ") + message }
            throw APIError(.unprocessableContent, code: "invalid_record", message: prefix + message, field: field, value: error.value)
        }
        for (i, r) in records.enumerated() where r.projectId != project {
            throw APIError(.forbidden, code: "wrong_project",
                           message: (records.count > 1 ? "record \(i): " : "") + "project_id '\(r.projectId)' is not this key's project '\(project)'; post it to /v1/projects/\(r.projectId)/usage with that project's key",
                           field: "project_id", value: r.projectId)
        }
        return records
    }

    /// One element of the body: its bytes and whether it has a top-level `project_id` key.
    struct Element {
        var range: Range<Int>
        var hasProjectId: Bool
    }

    /// The top-level elements of an array body, or the one object. Strings are skipped
    /// as wholes so that brackets and commas inside them do not count.
    static func split(_ b: [UInt8]) throws -> [Element] {
        var i = 0
        func skipSpace() { while i < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 } }
        skipSpace()
        guard i < b.count else { return [] }
        let isArray = b[i] == UInt8(ascii: "[")
        if isArray { i += 1 }
        var elements = [Element]()
        var depth = 0
        var start = i
        var hasProjectId = false
        var lastKeyAtDepth1: Range<Int>? = nil
        let projectKey = Array("\"project_id\"".utf8)
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                let s = i
                i += 1
                while i < b.count && b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < b.count else { throw APIError.badRequest("the body is not valid JSON: a string is not closed", field: nil) }
                if depth == 1 { lastKeyAtDepth1 = s..<(i + 1) }
            case UInt8(ascii: ":"):
                if depth == 1, let k = lastKeyAtDepth1, b[k].elementsEqual(projectKey) { hasProjectId = true }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 { start = i; hasProjectId = false }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    guard isArray && c == UInt8(ascii: "]") else { throw APIError.badRequest("the body is not valid JSON: unbalanced brackets") }
                    i += 1
                    skipSpace()
                    guard i == b.count else { throw APIError.badRequest("the body is not valid JSON: text after the array") }
                    return elements
                }
                depth -= 1
                if depth == 0 {
                    elements.append(Element(range: start..<(i + 1), hasProjectId: hasProjectId))
                    if !isArray {
                        i += 1
                        skipSpace()
                        guard i == b.count else { throw APIError.badRequest("the body is not valid JSON: text after the record; send an array for several") }
                        return elements
                    }
                }
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","):
                break
            default:
                if depth == 0 {
                    throw APIError.badRequest("the body must be a JSON object or an array of objects", field: nil, value: String(decoding: b[i..<min(i + 20, b.count)], as: UTF8.self))
                }
            }
            i += 1
        }
        throw APIError.badRequest("the body is not valid JSON: it ends inside " + (isArray ? "the array" : "the record"))
    }
}
