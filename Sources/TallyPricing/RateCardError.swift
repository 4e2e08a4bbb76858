import TallySystem
import TallyFormat
/// What went wrong loading a rate card or pricing with one, where, and what to do about it.
public enum RateCardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The card's JSON could not be read: `path` locates the bad value (e.g.
    /// `rates[3].cost_per_unit`, empty for the document itself) and `reason` says why.
    case invalidJSON(path: String, reason: String)
    /// The file is JSON but not a Tally rate card, or one of a newer format version.
    case unsupportedFormat(found: String)
    /// A record's quantity is negative, NaN or infinite, so no cost can be computed.
    case invalidQuantity(service: String, unit: String, quantity: Double)
    /// `quantity × costPerUnit` exceeds `Int64.max` nano-USD (about 9.2 billion USD).
    case costOverflow(service: String, unit: String, modelId: String?, quantity: Double, costPerUnit: ExactDecimal, priceUnit: PriceUnit)

    /// A message for people: the problem, its location, and the fix.
    public var description: String {
        switch self {
        case let .invalidJSON(path, reason):
            let at = path.isEmpty ? "" : " at \(path)"
            return "rate card JSON is invalid\(at): \(reason). Fix the file (format: Data/README.md) or re-create it with seedDefaults()."
        case let .unsupportedFormat(found):
            return "not a Tally rate card (format \(found)); expected \"format\": \"tally-rate-card\" with \"format_version\": \(RateCard.formatVersion). A newer file needs a newer Tally."
        case let .invalidQuantity(service, unit, quantity):
            return "cannot price \(service)/\(unit): quantity \(quantity) is negative or not finite. Fix the record at its source; quantities are never negative, NaN or infinite."
        case let .costOverflow(service, unit, modelId, quantity, cost, priceUnit):
            return "cost of \(quantity) \(unit) of \(service)\(modelId.map { " model \($0)" } ?? "") at \(cost) USD \(priceUnit.rawValue) exceeds Int64 nano-USD (~9.2e9 USD). Check the quantity's unit and the rate row's price unit."
        }
    }
}
