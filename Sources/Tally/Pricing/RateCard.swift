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
            lastLookup = nil
        }
    }

    private(set) var index: RateIndex

    /// The lookup chain of the last (service, unit, model id) priced through the mutating
    /// API: imports price long runs of rows with the same triple, so this skips model-id
    /// normalisation and three hash lookups for nearly every row.
    var lastLookup: LastLookup?

    struct LastLookup: Sendable {
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
