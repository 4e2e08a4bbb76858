extension Database {
    /// The database's rate card: the saved one, or the reference card if none was saved.
    /// Re-read when another process changed it.
    public func rateCard() throws -> RateCard {
        if let rates { return try rates.card() }
        return try store.rateCard()
    }

    /// Checks `card` and saves it atomically as the database's rate card; appends price
    /// with it from now on, here and (within a tenth of a second) in any other process
    /// that has the database open. History keeps its costs until `reprice(days:project:)`.
    ///
    /// The card has its own lock, so it can be changed while another process writes
    /// the records (a database opened read-only may change it too).
    ///
    /// - Throws: `RateCardError.invalidJSON` naming the first bad row, e.g.
    ///   `rates[3].service`; the card is unchanged then.
    public func setRateCard(_ card: RateCard) throws {
        try updateRateCard { $0 = card }
    }

    /// Reads the card, lets `change` edit it and saves the result as `setRateCard` does,
    /// holding the card's lock throughout so that two processes changing the card at once
    /// lose neither change. Returns what `change` returns.
    @discardableResult
    public func updateRateCard<T>(_ change: (inout RateCard) throws -> T) throws -> T {
        let fileSystem = configuration.fileSystem
        let lock = try FolderLock.acquire(.rates, in: path, fileSystem: fileSystem, wait: true)
        defer { withExtendedLifetime(lock) {} }
        var card = try rateCard()
        let result = try change(&card)
        try Store.validate(card)
        if let rates {
            try rates.save(card)
        } else {
            try Store.writeRateCard(card, storePath: path, fileSystem: fileSystem)
        }
        return result
    }

    /// Re-prices the rows of `days` (of `project`, or every project) from the current
    /// rate card; rows whose cost came with the input are never touched.
    ///
    /// - Throws: the store is unchanged when it throws.
    @discardableResult
    public func reprice(days: ClosedRange<Int32>, project: String? = nil) throws -> RepriceReport {
        try store.reprice(days: days, project: project, card: try rateCard())
    }
}
