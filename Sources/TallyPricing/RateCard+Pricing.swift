import TallySystem
import TallyFormat
extension RateCard {
    /// Prices `quantity` of `unit` of `service` used at `ts` (ms since the epoch, UTC).
    ///
    /// The rate is the active row with the latest effective date on or before the UTC day of
    /// `ts`, searched in this order:
    /// 1. the row of the record's (service, unit, model), the model id normalised by
    ///    ``PricingModelID/normalised(_:)``; then the service's model-less row for the unit
    ///    (per-unit services such as `e2b` price this way; a row with a tier matches only a
    ///    record whose `modelId` is that tier);
    /// 2. for `reasoning_tokens` without a row of their own, the model's `output_tokens` row
    ///    (reasoning is billed at the output rate);
    /// 3. for service `openrouter`, after any `openrouter` rows, the routed model's provider
    ///    rows (`anthropic/claude-sonnet-4-6` prices as `anthropic` `claude-sonnet-4-6`).
    ///
    /// The cost is `quantity / base units per priced unit × cost per unit`, computed exactly
    /// and rounded once to whole nano-USD, ties to even. No rate gives ``Priced/unpriced``.
    ///
    /// - Throws: ``RateCardError/invalidQuantity(service:unit:quantity:)`` for a negative or
    ///   non-finite quantity, ``RateCardError/costOverflow(service:unit:modelId:quantity:costPerUnit:priceUnit:)``
    ///   when the cost exceeds `Int64` nano-USD.
    package func price(service: String, unit: String, modelId: String?, ts: Int64, quantity: Double) throws(RateCardError) -> Priced {
        let chain = index.chain(service: service, unit: unit, modelId: modelId)
        return try Self.price(chain: chain, service: service, unit: unit, modelId: modelId, ts: ts, quantity: quantity)
    }

    /// Fills in the cost of a record that has none: `.given` costs and costs already priced
    /// from the rate card are left alone (use ``repriced(_:)`` to recompute the latter).
    /// Sets `costSource` to `.rateCard`, or `.unpriced` (with cost 0) when no rate applies.
    ///
    /// Mutating only to remember the lookups of the last few (service, unit, model id),
    /// which makes pricing an import's records fast (millions of rows per second).
    public mutating func price(_ record: inout UsageRecord) throws(RateCardError) {
        if record.costSource == .given { return }
        if record.costSource == .rateCard, record.costNanos != nil { return }
        let priced = try cachedPrice(record)
        record.costNanos = priced.costNanos
        record.costSource = priced.costSource
    }

    /// Prices every record of `records` that has no cost yet (see ``price(_:)``).
    public mutating func price(_ records: inout [UsageRecord]) throws(RateCardError) {
        for i in records.indices {
            try price(&records[i])
        }
    }

    /// Prices every row of a columnar batch that has no cost yet (cost source
    /// `.unpriced`), as ``price(_:)`` prices a record. The rate chain is looked up once
    /// per distinct (service, unit, model id) of the batch. A row whose cost cannot be
    /// computed is passed to `failed` with the error and left unpriced.
    package func price(_ columns: inout UsageColumns, failed: (Int, RateCardError) throws -> Void) rethrows {
        let service = columns.text[Int(Column.service.rawValue)], unit = columns.text[Int(Column.unit.rawValue)]
        let model = columns.text[Int(Column.modelId.rawValue)]
        var chains: [SIMD3<UInt32>: [RateIndex.Timeline]] = [:]
        var lastKey = SIMD3<UInt32>(repeating: .max)
        var chain: [RateIndex.Timeline] = []
        for row in 0..<columns.count where columns.costSource[row] == .unpriced {
            let s = service.codes[row], u = unit.codes[row], m = model.codes[row]
            let key = SIMD3(s, u, m)
            if key != lastKey {
                if let known = chains[key] {
                    chain = known
                } else {
                    chain = index.chain(service: service.value(at: row) ?? "", unit: unit.value(at: row) ?? "", modelId: model.value(at: row))
                    chains[key] = chain
                }
                lastKey = key
            }
            do {
                let priced = try Self.price(
                    chain: chain, service: service.values[Int(s) - 1], unit: unit.values[Int(u) - 1], modelId: model.value(at: row),
                    ts: columns.ts[row], quantity: columns.quantity[row])
                columns.costNanos[row] = priced.costNanos
                columns.costSource[row] = priced.costSource
            } catch {
                try failed(row, error)
            }
        }
    }

    /// `record` with its cost recomputed from this card, for applying a changed rate to
    /// history. A record whose cost was given by its source is returned unchanged.
    public func repriced(_ record: UsageRecord) throws(RateCardError) -> UsageRecord {
        if record.costSource == .given { return record }
        var copy = record
        let priced = try price(
            service: record.service, unit: record.unit, modelId: record.modelId, ts: record.ts, quantity: record.quantity)
        copy.costNanos = priced.costNanos
        copy.costSource = priced.costSource
        return copy
    }

    /// Re-prices the records of `records` whose UTC day lies in `days` and whose cost was
    /// not given by their source; returns how many costs changed.
    @discardableResult
    public mutating func reprice(_ records: inout [UsageRecord], days: ClosedRange<Int32>) throws(RateCardError) -> Int {
        var changed = 0
        for i in records.indices where records[i].costSource != .given && days.contains(records[i].day) {
            let priced = try cachedPrice(records[i])
            if records[i].costNanos != priced.costNanos || records[i].costSource != priced.costSource {
                changed += 1
            }
            records[i].costNanos = priced.costNanos
            records[i].costSource = priced.costSource
        }
        return changed
    }

    /// What reading `quantity` tokens from the cache saved against paying the full input
    /// price: `quantity × (input rate − cache read rate)` of the model at `ts`, computed
    /// exactly and rounded once (ties to even). `nil` when the card lacks either rate or
    /// the two are quoted in different price units. Negative if a cache read costs more.
    public func cacheSavingsNanos(service: String, modelId: String?, ts: Int64, quantity: Double) throws(RateCardError) -> Int64? {
        try cacheSavingsNanos(
            service: service, modelId: modelId, day: CivilDate.dayNumber(forMilliseconds: ts), quantity: quantity,
            chains: cacheSavingsChains(service: service, modelId: modelId))
    }

    /// `cacheSavingsNanos(service:modelId:ts:quantity:)` for many (day, quantity) of one
    /// (service, model): the rate chains are looked up once, not once per day. An entry
    /// whose figure cannot be computed (no rate, or an overflow) is nil.
    public func cacheSavingsNanos(service: String, modelId: String?, days: [(day: Int32, quantity: Double)]) -> [Int64?] {
        let chains = cacheSavingsChains(service: service, modelId: modelId)
        return days.map { d in
            (try? cacheSavingsNanos(service: service, modelId: modelId, day: d.day, quantity: d.quantity, chains: chains)) ?? nil
        }
    }

    private func cacheSavingsChains(service: String, modelId: String?) -> (input: [RateIndex.Timeline], read: [RateIndex.Timeline]) {
        (index.chain(service: service, unit: TokenClass.input.unit, modelId: modelId),
         index.chain(service: service, unit: TokenClass.cacheRead.unit, modelId: modelId))
    }

    private func cacheSavingsNanos(
        service: String, modelId: String?, day: Int32, quantity: Double, chains: (input: [RateIndex.Timeline], read: [RateIndex.Timeline])
    ) throws(RateCardError) -> Int64? {
        guard quantity >= 0, quantity.isFinite else {
            throw .invalidQuantity(service: service, unit: TokenClass.cacheRead.unit, quantity: quantity)
        }
        guard let input = RateIndex.entry(in: chains.input, day: day),
              let read = RateIndex.entry(in: chains.read, day: day),
              input.priceUnit == read.priceUnit,
              let difference = input.costPerUnit.subtracting(read.costPerUnit)
        else { return nil }
        let magnitude = ExactDecimal(significand: Int64(difference.significand.magnitude), scale: difference.scale)
        guard difference.significand != .min, let magnitude,
              let nanos = CompiledRate(price: magnitude, unit: input.priceUnit).nanos(for: quantity)
        else {
            throw .costOverflow(
                service: service, unit: TokenClass.cacheRead.unit, modelId: modelId, quantity: quantity,
                costPerUnit: difference, priceUnit: input.priceUnit)
        }
        return difference.isNegative ? -nanos : nanos
    }

    private mutating func cachedPrice(_ record: UsageRecord) throws(RateCardError) -> Priced {
        var found: [RateIndex.Timeline]?
        for recent in recentLookups
        where recent.service == record.service && recent.unit == record.unit && recent.modelId == record.modelId {
            found = recent.chain
            break
        }
        let chain: [RateIndex.Timeline]
        if let found {
            chain = found
        } else {
            chain = index.chain(service: record.service, unit: record.unit, modelId: record.modelId)
            let entry = RecentLookup(service: record.service, unit: record.unit, modelId: record.modelId, chain: chain)
            if recentLookups.count < Self.recentLookupCapacity {
                recentLookups.append(entry)
            } else {
                recentLookups[nextRecentSlot] = entry
                nextRecentSlot = (nextRecentSlot + 1) % Self.recentLookupCapacity
            }
        }
        return try Self.price(
            chain: chain, service: record.service, unit: record.unit, modelId: record.modelId, ts: record.ts,
            quantity: record.quantity)
    }

    @inline(__always)
    private static func price(
        chain: [RateIndex.Timeline], service: String, unit: String, modelId: String?, ts: Int64, quantity: Double
    ) throws(RateCardError) -> Priced {
        guard quantity >= 0, quantity.isFinite else {
            throw .invalidQuantity(service: service, unit: unit, quantity: quantity)
        }
        guard let entry = RateIndex.entry(in: chain, day: CivilDate.dayNumber(forMilliseconds: ts)) else {
            return .unpriced
        }
        guard let nanos = entry.rate.nanos(for: quantity) else {
            throw .costOverflow(
                service: service, unit: unit, modelId: modelId, quantity: quantity, costPerUnit: entry.costPerUnit,
                priceUnit: entry.priceUnit)
        }
        return Priced(costNanos: nanos, costSource: .rateCard)
    }
}
