/// A rate card prices cache savings directly: quantity x (input rate - cache read rate)
/// of the model at that time. A savings figure that cannot be computed (no rate, or an
/// overflow) counts as unpriced rather than as zero.
extension RateCard: CacheSavingsPricer {
    public func cacheSavingsNanos(service: String, modelId: String, ts: Int64, quantity: Double) -> Int64? {
        let optionalModel: String? = modelId
        return try? cacheSavingsNanos(service: service, modelId: optionalModel, ts: ts, quantity: quantity)
    }
}
