import TallySystem
import TallyFormat
/// The rate rows of a card arranged for lookup: (service, unit, model) to active rows by date.
///
/// Built once whenever the card's rows change, so that pricing a record is a few hash
/// lookups and a short scan instead of a pass over the whole card.
package struct RateIndex: Sendable {
    /// One active row, ready to price with.
    package struct Entry: Sendable {
        package let effectiveFrom: Int32
        package let costPerUnit: ExactDecimal
        package let priceUnit: PriceUnit
        package let rate: CompiledRate
    }

    /// The rows of one (service, unit, model-or-nil), sorted by `effectiveFrom` ascending.
    package typealias Timeline = [Entry]

    struct Key: Hashable, Sendable {
        let service: String
        let unit: String
        let model: String?
    }

    private(set) var timelines: [Key: Timeline] = [:]
    /// Which service prices a model, for OpenRouter ids without a provider prefix; a model
    /// priced by two services is left out rather than guessed.
    private(set) var ownerOfModel: [String: String] = [:]

    init(_ rows: [RateRow]) {
        var ambiguous: Set<String> = []
        for row in rows where row.isActive {
            let key = Key(service: row.service, unit: row.rateType, model: row.modelOrTier)
            let entry = Entry(
                effectiveFrom: row.effectiveFrom, costPerUnit: row.costPerUnit, priceUnit: row.priceUnit,
                rate: CompiledRate(price: row.costPerUnit, unit: row.priceUnit))
            timelines[key, default: []].append(entry)
            if let model = row.modelOrTier, row.service != "openrouter", !ambiguous.contains(model) {
                if let owner = ownerOfModel[model], owner != row.service {
                    ownerOfModel[model] = nil
                    ambiguous.insert(model)
                } else {
                    ownerOfModel[model] = row.service
                }
            }
        }
        for key in timelines.keys {
            // Stable, so of two rows with the same date the later one in the card wins.
            timelines[key] = timelines[key]!.enumerated()
                .sorted { ($0.element.effectiveFrom, $0.offset) < ($1.element.effectiveFrom, $1.offset) }
                .map(\.element)
        }
    }

    /// The timelines that may price a record, most specific first; independent of the date,
    /// so callers can cache the chain per (service, unit, model id).
    ///
    /// Order: the record's own service (for OpenRouter: `openrouter` rows, then the routed
    /// model's provider), the model's own row before a model-less one, and for
    /// `reasoning_tokens` the model's `output_tokens` row before any model-less row.
    package func chain(service: String, unit: String, modelId: String?) -> [Timeline] {
        let model = modelId.map(PricingModelID.normalised)
        var services = [service]
        if service == "openrouter", let modelId, let model {
            if let provider = PricingModelID.provider(modelId), provider != service {
                services.append(provider)
            } else if let owner = ownerOfModel[model] {
                services.append(owner)
            }
        }
        let units = unit == TokenClass.reasoning.unit ? [unit, TokenClass.output.unit] : [unit]
        var result: [Timeline] = []
        for s in services {
            if let model {
                for u in units {
                    if let t = timelines[Key(service: s, unit: u, model: model)] { result.append(t) }
                }
            }
            for u in units {
                if let t = timelines[Key(service: s, unit: u, model: nil)] { result.append(t) }
            }
        }
        return result
    }

    /// The entry in effect on `day`: the first timeline of the chain with a row dated on or
    /// before it, and in that timeline the latest such row.
    @inline(__always)
    package static func entry(in chain: [Timeline], day: Int32) -> Entry? {
        for timeline in chain {
            var i = timeline.count - 1
            while i >= 0 {
                if timeline[i].effectiveFrom <= day { return timeline[i] }
                i -= 1
            }
        }
        return nil
    }
}
