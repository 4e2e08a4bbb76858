import TallyPricing

/// The `rates` side table: the store's rate card, one row per rate row, so that costs can
/// be recomputed or checked in SQL (docs/sql.md, "Side tables").
///
/// A usage row of day `d` is priced by the active rate of its (service, unit, model) with
/// `effective_from <= d` and (`effective_until` NULL or `d < effective_until`); its cost is
/// `quantity / units_per_price * price_usd`, rounded to nano-USD (plus the fallbacks of
/// `RateCard.price`: a model-less row, the output rate for reasoning tokens, OpenRouter's
/// provider rows).
package enum RatesTable {
    /// The columns: the join keys named as usage names them.
    package static let columns: [(name: String, type: LogicalType)] = [
        ("service", .varchar),
        ("unit", .varchar),
        ("model_id", .varchar),
        ("price_usd", priceType),
        ("price_unit", .varchar),
        ("units_per_price", .bigint),
        ("effective_from", .date),
        ("effective_until", .date),
        ("active", .boolean),
        ("origin", .varchar),
        ("defaults_version", .integer),
    ]

    /// USD to the nano-USD, as cost_usd is: exact for the prices cards hold (a price with
    /// more than 9 fractional digits, which `ExactDecimal` allows, is rounded half to even).
    static let priceType = LogicalType.decimal(width: 38, scale: 9)

    /// A price as nano-USD.
    static func nanos(_ price: ExactDecimal) -> Int128 {
        var x = Int128(price.significand)
        if price.scale <= 9 {
            for _ in price.scale..<9 { x *= 10 }
            return x
        }
        var divisor: Int128 = 1
        for _ in 9..<price.scale { divisor *= 10 }
        let (q, r) = x.quotientAndRemainder(dividingBy: divisor)
        let twice = 2 * r.magnitude, d = divisor.magnitude
        if twice > d || (twice == d && q % 2 != 0) { return q + (x < 0 ? -1 : 1) }
        return q
    }

    /// The card's rows, in the card's order.
    package static func rows(_ card: RateCard) -> DataChunk {
        let rates = card.rows
        let until = effectiveUntil(rates)
        var builders = columns.map { VectorBuilder(type: $0.type, capacity: rates.count) }
        for (i, r) in rates.enumerated() {
            let version: ScalarValue
            if case .default(let v) = r.origin { version = .int(Int128(v)) } else { version = .null }
            let values: [ScalarValue] = [
                .string(r.service), .string(r.rateType), r.modelOrTier.map(ScalarValue.string) ?? .null, .int(nanos(r.costPerUnit)),
                .string(r.priceUnit.rawValue), .int(Int128(r.priceUnit.baseUnitsPerPricedUnit)), .date(r.effectiveFrom),
                until[i].map(ScalarValue.date) ?? .null, .bool(r.isActive), .string(version.isNull ? "custom" : "default"), version,
            ]
            for (j, v) in values.enumerated() { builders[j].append(v) }
        }
        return DataChunk(columns: builders.map { $0.finish() }, count: rates.count)
    }

    /// Per row, the first day it no longer applies: the next later `effective_from` among
    /// the active rows of its (service, unit, model); nil for the newest and inactive rows.
    static func effectiveUntil(_ rates: [RateRow]) -> [Int32?] {
        struct Key: Hashable { var service: String, unit: String, model: String? }
        var byKey: [Key: [Int]] = [:]
        for (i, r) in rates.enumerated() where r.isActive {
            byKey[Key(service: r.service, unit: r.rateType, model: r.modelOrTier), default: []].append(i)
        }
        var until = [Int32?](repeating: nil, count: rates.count)
        for indices in byKey.values {
            let ordered = indices.sorted { rates[$0].effectiveFrom < rates[$1].effectiveFrom }
            for (a, b) in zip(ordered, ordered.dropFirst()) { until[a] = rates[b].effectiveFrom }
        }
        return until
    }
}
