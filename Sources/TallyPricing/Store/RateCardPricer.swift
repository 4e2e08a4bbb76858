import Synchronization
import TallySystem
import TallyFormat
import TallyStore

/// Prices appended records from a rate card that can be replaced while the store is open.
package final class RateCardPricer: RecordPricer {
    private let card: Mutex<RateCard>

    /// Creates a pricer for `card`.
    package init(card: RateCard) {
        self.card = Mutex(card)
    }

    /// The card in use.
    package var rateCard: RateCard { card.withLock { $0 } }

    /// Replaces the card; records appended afterwards are priced with it.
    package func replace(with newCard: RateCard) {
        card.withLock { $0 = newCard }
    }

    /// Prices one record (leaves records that carry their own cost alone).
    package func price(_ record: inout UsageRecord) throws {
        try card.withLock { c in try c.price(&record) }
    }
}
