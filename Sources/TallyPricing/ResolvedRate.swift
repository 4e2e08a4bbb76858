import TallySystem
import TallyFormat
/// The rate a card applies to one (service, unit, model) from a day on, after its
/// fallbacks (a model's own row, reasoning priced as output, the service's default row,
/// OpenRouter's routed provider) are resolved.
///
/// A list of these is a plain table another engine can join on exactly, without
/// Tally's lookup rules: `tally rates resolve` writes it for the usage in a store, and
/// docs/clickhouse.md prices cache savings with it.
package struct ResolvedRate: Sendable, Hashable {
    /// First UTC day (days since 1970-01-01) on which the rate applies; it applies until
    /// the next entry's day for the same (service, unit, model).
    package var effectiveFrom: Int32
    /// The exact price per `priceUnit`.
    package var costPerUnit: ExactDecimal
    /// What `costPerUnit` is the price of.
    package var priceUnit: PriceUnit
}

extension RateCard {
    /// The rates that apply to records of (service, unit, modelId) over time, in day
    /// order: the card's lookup resolved at every day on which any row of its fallback
    /// chain takes effect (between those days the answer cannot change). Empty when no
    /// rate ever applies.
    package func resolvedRates(service: String, unit: String, modelId: String?) -> [ResolvedRate] {
        let chain = index.chain(service: service, unit: unit, modelId: modelId)
        let days = Set(chain.flatMap { $0.map(\.effectiveFrom) }).sorted()
        var out: [ResolvedRate] = []
        for day in days {
            guard let e = RateIndex.entry(in: chain, day: day) else { continue }
            let rate = ResolvedRate(effectiveFrom: day, costPerUnit: e.costPerUnit, priceUnit: e.priceUnit)
            if let last = out.last, last.costPerUnit == rate.costPerUnit, last.priceUnit == rate.priceUnit { continue }
            out.append(rate)
        }
        return out
    }
}
