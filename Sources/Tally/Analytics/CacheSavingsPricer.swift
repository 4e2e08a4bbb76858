import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Prices prompt-cache savings: for `quantity` cache-read tokens of a model at an
/// instant, quantity x (input rate - cache read rate), in nano-USD; nil when the rate
/// card has no rate for the model (those tokens then count as unpriced savings).
///
/// The rate-card module conforms to this; tests and hosts may use
/// `ClosureCacheSavingsPricer`.
package protocol CacheSavingsPricer: Sendable {
    /// The savings of `quantity` cache-read tokens, or nil if unpriced.
    func cacheSavingsNanos(service: String, modelId: String, ts: Int64, quantity: Double) -> Int64?

    /// The savings of each (UTC day, quantity) of one (service, model), in order; nil
    /// where unpriced. A summary asks once per (service, model) with all its days, so
    /// that a pricer can look its rates up once.
    func cacheSavingsNanos(service: String, modelId: String, days: [(day: Int32, quantity: Double)]) -> [Int64?]
}

extension CacheSavingsPricer {
    /// Asks `cacheSavingsNanos(service:modelId:ts:quantity:)` day by day (at midnight UTC).
    package func cacheSavingsNanos(service: String, modelId: String, days: [(day: Int32, quantity: Double)]) -> [Int64?] {
        days.map { cacheSavingsNanos(service: service, modelId: modelId, ts: Int64($0.day) * CivilDate.millisecondsPerDay, quantity: $0.quantity) }
    }
}

/// A `CacheSavingsPricer` made of a closure.
package struct ClosureCacheSavingsPricer: CacheSavingsPricer {
    private let body: @Sendable (String, String, Int64, Double) -> Int64?

    /// Wraps `body(service, modelId, ts, quantity)`.
    package init(_ body: @escaping @Sendable (_ service: String, _ modelId: String, _ ts: Int64, _ quantity: Double) -> Int64?) {
        self.body = body
    }

    /// Calls the closure.
    package func cacheSavingsNanos(service: String, modelId: String, ts: Int64, quantity: Double) -> Int64? {
        body(service, modelId, ts, quantity)
    }
}
