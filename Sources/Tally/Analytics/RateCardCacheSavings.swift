import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Prices prompt-cache savings from a rate card: quantity x (input rate - cache read
/// rate) of the model at that time. A figure that cannot be computed (no rate, or an
/// overflow) counts as unpriced rather than as zero.
package struct RateCardCacheSavings: CacheSavingsPricer {
    /// The card the rates come from.
    package let card: RateCard

    /// Creates a savings pricer over `card`.
    package init(card: RateCard) {
        self.card = card
    }

    /// The savings of `quantity` cache-read tokens of `modelId` at `ts`, or nil if unpriced.
    package func cacheSavingsNanos(service: String, modelId: String, ts: Int64, quantity: Double) -> Int64? {
        try? card.cacheSavingsNanos(service: service, modelId: Optional(modelId), ts: ts, quantity: quantity)
    }

    /// The savings of each (day, quantity) of one model, its rates looked up once.
    package func cacheSavingsNanos(service: String, modelId: String, days: [(day: Int32, quantity: Double)]) -> [Int64?] {
        card.cacheSavingsNanos(service: service, modelId: Optional(modelId), days: days)
    }
}
