import TallySystem
import TallyFormat
import TallyStore
/// The rate card kept inside a store, in `rates.json` (the JSON format of `Data/`).
extension Store {
    /// The file name of the store's rate card.
    package static let rateCardFileName = "rates.json"

    /// Opens a store whose records without a cost are priced from the store's own rate
    /// card (the reference card until one is saved).
    package static func openPriced(at path: String, options: StoreOptions = StoreOptions()) throws -> Store {
        var options = options
        let card = try loadRateCard(storePath: path, fileSystem: options.fileSystem) ?? .reference
        options.pricer = RateCardPricer(card: card)
        return try Store.open(at: path, options: options)
    }

    package static func loadRateCard(storePath: String, fileSystem: FileSystem) throws -> RateCard? {
        let file = storePath + "/" + rateCardFileName
        guard fileSystem.exists(file) else { return nil }
        // A failed read is an I/O error, not a damaged card: only decoding says corrupt.
        let bytes = try fileSystem.readAll(file)
        do {
            return try RateCard(jsonBytes: bytes)
        } catch {
            throw StorageError.corrupt(path: file, reason: "rate card: \(error)")
        }
    }

    /// The store's rate card: the saved one, or the reference card if none was saved.
    package func rateCard() throws -> RateCard {
        if let pricer = options.pricer as? RateCardPricer { return pricer.rateCard }
        return try Store.loadRateCard(storePath: path, fileSystem: options.fileSystem) ?? .reference
    }

    /// Saves `card` as the store's rate card (atomically) and prices later appends with it.
    package func saveRateCard(_ card: RateCard) throws {
        if options.readOnly { throw StorageError.readOnly(path: path) }
        try Store.writeRateCard(card, storePath: path, fileSystem: options.fileSystem)
        (options.pricer as? RateCardPricer)?.replace(with: card)
    }

    /// Writes `card` as the rate card of the store at `storePath`, atomically: another
    /// process reads the old card or the new one, never part of either.
    package static func writeRateCard(_ card: RateCard, storePath: String, fileSystem: FileSystem) throws {
        try fileSystem.writeAtomically(card.jsonBytes(), to: storePath + "/" + rateCardFileName)
    }
}

extension Store {
    /// Checks a card before it becomes a store's card, beyond what its JSON decoding
    /// checks: services and rate types must be lower_snake names (as record services and
    /// units are, or the row could never match), a model or tier must not be empty, and
    /// no two rows may share an identity (service, rate type, model, effective date),
    /// since which of them prices a record would be arbitrary.
    ///
    /// - Throws: `RateCardError.invalidJSON` whose path names the first bad row, e.g. `rates[3].service`.
    package static func validate(_ card: RateCard) throws(RateCardError) {
        var seen = [RateRow.Identity: Int]()
        for (i, row) in card.rows.enumerated() {
            if !RecordValidator.isLowerSnakeName(row.service) {
                throw .invalidJSON(path: "rates[\(i)].service", reason: "'\(row.service)' is not a lower_snake service name such as 'anthropic'")
            }
            if !RecordValidator.isLowerSnakeName(row.rateType) {
                throw .invalidJSON(path: "rates[\(i)].rate_type", reason: "'\(row.rateType)' is not a lower_snake unit name such as 'input_tokens'")
            }
            if let model = row.modelOrTier, model.isEmpty {
                throw .invalidJSON(path: "rates[\(i)].model_or_tier", reason: "an empty model; leave the key out to price every model of the service")
            }
            if let first = seen[row.identity] {
                throw .invalidJSON(
                    path: "rates[\(i)]",
                    reason: "same service, rate type, model and effective date as rates[\(first)]; remove one or give it another effective_from")
            }
            seen[row.identity] = i
        }
    }

    /// Replaces the store's card by the card in `jsonBytes` (the format of `Data/rate-card.json`)
    /// after ``validate(_:)``; returns it. On any error the store's card is unchanged.
    @discardableResult
    package func replaceRateCard(jsonBytes: [UInt8]) throws -> RateCard {
        let card = try RateCard(jsonBytes: jsonBytes)
        try Store.validate(card)
        try saveRateCard(card)
        return card
    }
}

extension RecordValidator {
    /// Whether `s` is a non-empty lower_snake name (`a`-`z`, `0`-`9`, `_`), as services and units are.
    static func isLowerSnakeName(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
