/// Prices prompt-cache savings: for `quantity` cache-read tokens of a model at an
/// instant, quantity x (input rate - cache read rate), in nano-USD; nil when the rate
/// card has no rate for the model (those tokens then count as unpriced savings).
///
/// The rate-card module conforms to this; tests and hosts may use
/// `ClosureCacheSavingsPricer`.
public protocol CacheSavingsPricer: Sendable {
    /// The savings of `quantity` cache-read tokens, or nil if unpriced.
    func cacheSavingsNanos(service: String, modelId: String, ts: Int64, quantity: Double) -> Int64?
}

/// A `CacheSavingsPricer` made of a closure.
public struct ClosureCacheSavingsPricer: CacheSavingsPricer {
    private let body: @Sendable (String, String, Int64, Double) -> Int64?

    /// Wraps `body(service, modelId, ts, quantity)`.
    public init(_ body: @escaping @Sendable (_ service: String, _ modelId: String, _ ts: Int64, _ quantity: Double) -> Int64?) {
        self.body = body
    }

    /// Calls the closure.
    public func cacheSavingsNanos(service: String, modelId: String, ts: Int64, quantity: Double) -> Int64? {
        body(service, modelId, ts, quantity)
    }
}
