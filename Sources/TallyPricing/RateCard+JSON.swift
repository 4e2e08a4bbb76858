#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TallySystem
import TallyFormat

// The file format (documented in Data/README.md):
//
//     {
//       "format": "tally-rate-card",
//       "format_version": 1,
//       "rates": [
//         {"service": "anthropic", "rate_type": "input_tokens", "model_or_tier": "claude-opus-4-7", ...},
//         ...
//       ]
//     }
//
// One rate per line, keys in a fixed order and prices as strings, so the file diffs well,
// is easy to edit by hand, and saving an unchanged card reproduces it byte for byte.
extension RateCard {
    /// The value of the file's `"format"` key.
    public static let formatName = "tally-rate-card"
    /// The newest `"format_version"` this Tally reads and the one it writes.
    public static let formatVersion = 1

    private struct File: Decodable {
        var format: String?
        var formatVersion: Int?
        var rates: [RateRow]?

        enum CodingKeys: String, CodingKey {
            case format
            case formatVersion = "format_version"
            case rates
        }
    }

    /// Reads a card from the JSON of ``jsonBytes()`` (format: Data/README.md).
    ///
    /// - Throws: ``RateCardError/unsupportedFormat(found:)`` for another kind of file or a newer
    ///   format version; ``RateCardError/invalidJSON(path:reason:)`` naming the bad value.
    public init(jsonBytes: [UInt8]) throws(RateCardError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(jsonBytes))
        } catch let error as DecodingError {
            throw Self.describe(error)
        } catch {
            throw .invalidJSON(path: "", reason: "\(error)")
        }
        guard file.format == Self.formatName, let version = file.formatVersion, version <= Self.formatVersion else {
            throw .unsupportedFormat(found: "\(file.format ?? "missing") version \(file.formatVersion.map(String.init) ?? "missing")")
        }
        guard let rates = file.rates else {
            throw .invalidJSON(path: "rates", reason: "the \"rates\" array is missing")
        }
        self.init(rows: rates)
    }

    /// The card as JSON (UTF-8): one rate per line, keys in a fixed order, a trailing newline.
    public func jsonBytes() -> [UInt8] {
        var out = "{\n  \"format\": \"\(Self.formatName)\",\n  \"format_version\": \(Self.formatVersion),\n  \"rates\": ["
        for (i, row) in rows.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            out += Self.jsonObject(row)
        }
        out += rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Array(out.utf8)
    }

    private static func jsonObject(_ row: RateRow) -> String {
        var fields = ["\"service\": \(JSONText.quoted(row.service))", "\"rate_type\": \(JSONText.quoted(row.rateType))"]
        if let model = row.modelOrTier { fields.append("\"model_or_tier\": \(JSONText.quoted(model))") }
        fields.append("\"price_unit\": \(JSONText.quoted(row.priceUnit.rawValue))")
        fields.append("\"cost_per_unit\": \(JSONText.quoted(row.costPerUnit.description))")
        fields.append("\"is_active\": \(row.isActive)")
        fields.append("\"effective_from\": \(JSONText.quoted(CivilDate.isoString(forDayNumber: row.effectiveFrom)))")
        switch row.origin {
        case .custom:
            fields.append("\"origin\": \"custom\"")
        case .default(let version):
            fields.append("\"origin\": \"default\"")
            fields.append("\"default_version\": \(version)")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }


    private static func describe(_ error: DecodingError) -> RateCardError {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let i = key.intValue {
                    out += "[\(i)]"
                } else {
                    out += (out.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return out
        }
        switch error {
        case let .dataCorrupted(context):
            return .invalidJSON(path: path(context.codingPath), reason: context.debugDescription)
        case let .keyNotFound(key, context):
            return .invalidJSON(path: path(context.codingPath + [key]), reason: "required key \"\(key.stringValue)\" is missing")
        case let .typeMismatch(type, context):
            return .invalidJSON(path: path(context.codingPath), reason: "expected \(type)")
        case let .valueNotFound(type, context):
            return .invalidJSON(path: path(context.codingPath), reason: "expected \(type), found null")
        @unknown default:
            return .invalidJSON(path: "", reason: "\(error)")
        }
    }
}
