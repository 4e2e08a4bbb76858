import TallySystem
import TallyFormat
/// One price: what a unit of one service (and optionally one model or tier) costs from a date on.
///
/// A rate card is a list of these. The row in effect for a record is the active row of the
/// record's (service, unit, model) with the latest `effectiveFrom` on or before the record's
/// UTC day, so a price change is a new row with a later date, and history stays priceable.
public struct RateRow: Sendable, Hashable {
    /// The service priced: `anthropic`, `openai`, `openrouter`, `e2b`, ...
    public var service: String
    /// The record unit this row prices (the rate type): `input_tokens`, `sandbox_seconds`, ...
    public var rateType: String
    /// The model id (normalised: no provider prefix, no date suffix) or tier the row applies
    /// to; `nil` applies to every model of the service that has no row of its own.
    public var modelOrTier: String?
    /// The quantity `costPerUnit` is quoted for.
    public var priceUnit: PriceUnit
    /// The price in USD per `priceUnit`; never negative.
    public var costPerUnit: ExactDecimal
    /// Whether the row is used; an inactive row is skipped as if absent.
    public var isActive: Bool
    /// The first UTC day (days since 1970-01-01) the row applies to.
    public var effectiveFrom: Int32
    /// Whether the row is a reference default (and of which version) or the user's own.
    public var origin: RateOrigin

    /// Creates a row. `effectiveFrom` is a day number (see `CivilDate`).
    public init(
        service: String, rateType: String, modelOrTier: String? = nil, priceUnit: PriceUnit,
        costPerUnit: ExactDecimal, isActive: Bool = true, effectiveFrom: Int32,
        origin: RateOrigin = .custom
    ) {
        self.service = service
        self.rateType = rateType
        self.modelOrTier = modelOrTier
        self.priceUnit = priceUnit
        self.costPerUnit = costPerUnit
        self.isActive = isActive
        self.effectiveFrom = effectiveFrom
        self.origin = origin
    }

    /// What makes two rows "the same rate" for seeding and syncing: service, rate type,
    /// model or tier, and effective date. The price, its unit, the active flag and the
    /// origin are the row's content.
    public var identity: Identity {
        Identity(service: service, rateType: rateType, modelOrTier: modelOrTier, effectiveFrom: effectiveFrom)
    }

    /// The key that identifies a rate row across card versions (see ``RateRow/identity``).
    public struct Identity: Sendable, Hashable {
        /// The service priced.
        public var service: String
        /// The record unit priced.
        public var rateType: String
        /// The model or tier, or `nil` for all.
        public var modelOrTier: String?
        /// The first day the row applies to.
        public var effectiveFrom: Int32

        /// Creates an identity.
        public init(service: String, rateType: String, modelOrTier: String?, effectiveFrom: Int32) {
            self.service = service
            self.rateType = rateType
            self.modelOrTier = modelOrTier
            self.effectiveFrom = effectiveFrom
        }
    }
}
