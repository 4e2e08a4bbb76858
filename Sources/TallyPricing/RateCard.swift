import TallySystem
import TallyFormat
/// A set of rate rows and the exact pricing of usage with them.
///
/// The card is a value: copy it, edit ``rows``, and the lookup index follows. Pricing is
/// exact (see ``price(service:unit:modelId:ts:quantity:)`` for the rules and the rounding);
/// a record is priced by the row in effect on its UTC day.
///
/// ```swift
/// var card = RateCard.reference
/// try card.price(&record)           // fills costNanos, sets costSource
/// ```
public struct RateCard: Sendable {
    /// The rows, in card order. Setting them rebuilds the lookup index.
    public var rows: [RateRow] {
        didSet {
            index = RateIndex(rows)
            recentLookups.removeAll(keepingCapacity: true)
            nextRecentSlot = 0
        }
    }

    package private(set) var index: RateIndex

    /// The lookup chains of the last few (service, unit, model id) priced through the
    /// mutating API. Imports price runs of rows cycling through a handful of triples (one
    /// row per token class of each API call), so a short linear scan of string comparisons
    /// skips model-id normalisation and several hash lookups for nearly every row.
    var recentLookups: [RecentLookup] = []
    /// Where the next new lookup goes once `recentLookups` is full (round robin).
    var nextRecentSlot = 0
    static let recentLookupCapacity = 8

    struct RecentLookup: Sendable {
        let service: String
        let unit: String
        let modelId: String?
        let chain: [RateIndex.Timeline]
    }

    /// Creates a card holding `rows`.
    public init(rows: [RateRow] = []) {
        self.rows = rows
        self.index = RateIndex(rows)
    }

    /// Adds `row`, or replaces the row with the same ``RateRow/identity``, marking it the
    /// user's own (``RateOrigin/custom``) so that syncing defaults never overwrites it.
    public mutating func upsert(_ row: RateRow) {
        var row = row
        row.origin = .custom
        if let i = rows.firstIndex(where: { $0.identity == row.identity }) {
            rows[i] = row
        } else {
            rows.append(row)
        }
    }
}

extension RateCard: Equatable {
    /// Two cards are equal when they hold the same rows in the same order.
    public static func == (a: RateCard, b: RateCard) -> Bool { a.rows == b.rows }
}
