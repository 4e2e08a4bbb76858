import TallySystem
import TallyFormat
// The JSON shape of a row is documented in Data/README.md; keep the two in step.
extension RateRow: Codable {
    enum CodingKeys: String, CodingKey {
        case service
        case rateType = "rate_type"
        case modelOrTier = "model_or_tier"
        case priceUnit = "price_unit"
        case costPerUnit = "cost_per_unit"
        case isActive = "is_active"
        case effectiveFrom = "effective_from"
        case origin
        case defaultVersion = "default_version"
    }

    /// Decodes a row from its JSON object (see Data/README.md for the fields).
    ///
    /// `is_active` defaults to `true` and `origin` to `"custom"`, so a hand-written row needs
    /// only the price fields; a row typed in by hand is the user's own and sync must keep it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        service = try c.decode(String.self, forKey: .service)
        rateType = try c.decode(String.self, forKey: .rateType)
        modelOrTier = try c.decodeIfPresent(String.self, forKey: .modelOrTier)
        let unitText = try c.decode(String.self, forKey: .priceUnit)
        guard let unit = PriceUnit(rawValue: unitText) else {
            let choices = PriceUnit.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: .priceUnit, in: c, debugDescription: "\"\(unitText)\" is not a price unit; use one of \(choices)")
        }
        priceUnit = unit
        costPerUnit = try c.decode(ExactDecimal.self, forKey: .costPerUnit)
        if costPerUnit.isNegative {
            throw DecodingError.dataCorruptedError(
                forKey: .costPerUnit, in: c, debugDescription: "a price cannot be negative (\(costPerUnit))")
        }
        isActive = try c.decodeIfPresent(Bool.self, forKey: .isActive) ?? true
        let dayText = try c.decode(String.self, forKey: .effectiveFrom)
        guard let day = CivilDate.parseISODate(dayText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .effectiveFrom, in: c, debugDescription: "\"\(dayText)\" is not a date; write YYYY-MM-DD, e.g. \"2026-04-01\"")
        }
        effectiveFrom = day
        switch try c.decodeIfPresent(String.self, forKey: .origin) ?? "custom" {
        case "custom":
            origin = .custom
        case "default":
            guard let version = try c.decodeIfPresent(Int.self, forKey: .defaultVersion) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .defaultVersion, in: c,
                    debugDescription: "a row with origin \"default\" needs \"default_version\" (an integer); or set origin to \"custom\"")
            }
            origin = .default(version: version)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .origin, in: c, debugDescription: "\"\(other)\" is not an origin; use \"default\" or \"custom\"")
        }
    }

    /// Encodes the row as the JSON object described in Data/README.md.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(service, forKey: .service)
        try c.encode(rateType, forKey: .rateType)
        try c.encodeIfPresent(modelOrTier, forKey: .modelOrTier)
        try c.encode(priceUnit.rawValue, forKey: .priceUnit)
        try c.encode(costPerUnit, forKey: .costPerUnit)
        try c.encode(isActive, forKey: .isActive)
        try c.encode(CivilDate.isoString(forDayNumber: effectiveFrom), forKey: .effectiveFrom)
        switch origin {
        case .custom:
            try c.encode("custom", forKey: .origin)
        case .default(let version):
            try c.encode("default", forKey: .origin)
            try c.encode(version, forKey: .defaultVersion)
        }
    }
}
