/// The rate card kept inside a store, in `rates.json` (the JSON format of `Data/`).
extension Store {
    /// The file name of the store's rate card.
    public static let rateCardFileName = "rates.json"

    /// Opens a store whose records without a cost are priced from the store's own rate
    /// card (the reference card until one is saved).
    public static func openPriced(at path: String, options: StoreOptions = StoreOptions()) throws -> Store {
        var options = options
        let card = try loadRateCard(storePath: path, fileSystem: options.fileSystem) ?? .reference
        options.pricer = RateCardPricer(card: card)
        return try Store.open(at: path, options: options)
    }

    static func loadRateCard(storePath: String, fileSystem: FileSystem) throws -> RateCard? {
        let file = storePath + "/" + rateCardFileName
        guard fileSystem.exists(file) else { return nil }
        do {
            return try RateCard(jsonBytes: try fileSystem.readAll(file))
        } catch {
            throw StorageError.corrupt(path: file, reason: "rate card: \(error)")
        }
    }

    /// The store's rate card: the saved one, or the reference card if none was saved.
    public func rateCard() throws -> RateCard {
        if let pricer = options.pricer as? RateCardPricer { return pricer.rateCard }
        return try Store.loadRateCard(storePath: path, fileSystem: options.fileSystem) ?? .reference
    }

    /// Saves `card` as the store's rate card (atomically) and prices later appends with it.
    public func saveRateCard(_ card: RateCard) throws {
        if options.readOnly { throw StorageError.readOnly(path: path) }
        try options.fileSystem.writeAtomically(card.jsonBytes(), to: path + "/" + Store.rateCardFileName)
        (options.pricer as? RateCardPricer)?.replace(with: card)
    }
}
