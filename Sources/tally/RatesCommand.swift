import ArgumentParser
import Foundation
import Tally
import TallySQL

/// `tally rates`: show and edit a store's rate card, and apply it to stored history.
struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates",
        abstract: "Show or change the store's rate card, and re-price stored rows with it.",
        discussion: """
            The card lives in rates.json in the store folder (the reference card until one is
            saved). Rows without their own cost are priced from it at import; after a change,
            `tally rates reprice` applies it to rows already stored.
            """,
        subcommands: [Show.self, Resolve.self, Load.self, Save.self, SeedDefaults.self, SyncMissing.self, SetRate.self, Reprice.self])

    /// `tally rates show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the rate card as a table or as JSON.")
        @OptionGroup var options: StoreOption
        @Option(help: "table or json.") var format: String = "table"

        func validate() throws {
            guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
        }

        func run() throws {
            let store = try openStore(options.store, readOnly: true)
            let card = try store.rateCard()
            if format == "json" {
                FileHandle.standardOutput.write(Data(card.jsonBytes()))
                return
            }
            var rows = [["service", "rate_type", "model_or_tier", "price_unit", "cost_per_unit", "active", "effective_from", "origin"]]
            for r in card.rows {
                let origin: String
                switch r.origin {
                case .custom: origin = "custom"
                case .default(let v): origin = "default v\(v)"
                }
                rows.append([r.service, r.rateType, r.modelOrTier ?? "-", r.priceUnit.rawValue, r.costPerUnit.description,
                             r.isActive ? "yes" : "no", CivilDate.isoString(forDayNumber: r.effectiveFrom), origin])
            }
            printText(table(rows))
            print("\(card.rows.count) rates")
        }
    }

    /// `tally rates resolve`.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print, as CSV, the rate in effect for every (service, unit, model) of the stored usage.",
            discussion: """
                One row per (service, unit, model_id, effective_from): the card's fallbacks are
                resolved, so another engine can join usage to it exactly (docs/clickhouse.md
                prices prompt-cache savings with it). A rate applies from effective_from until the
                next row of the same (service, unit, model_id).
                """)
        @OptionGroup var options: StoreOption

        func run() throws {
            let store = try openStore(options.store, readOnly: true)
            let card = try store.rateCard()
            let keys = try QueryEngine().execute(
                AggregateQuery(groupBy: [.dimension(.service), .dimension(.unit), .dimension(.modelId)], aggregates: [.count]),
                on: store.snapshot())
            // Every (service, unit, model) of the usage, and the input rate of every
            // (service, model): cache savings price cache reads against it.
            var wanted: [(String, String, String?)] = []
            var seen = Set<String>()
            for row in keys.rows {
                guard case let .string(service) = row.keys[0], case let .string(unit) = row.keys[1] else { continue }
                var model: String? = nil
                if case let .string(m) = row.keys[2] { model = m }
                for u in [unit, TokenClass.input.unit] where seen.insert("\(service)\u{0}\(u)\u{0}\(model ?? "\u{1}")").inserted {
                    wanted.append((service, u, model))
                }
            }
            var out = "service,unit,model_id,effective_from,price_unit,cost_per_unit\n"
            for (service, unit, model) in wanted.sorted(by: { ($0.0, $0.1, $0.2 ?? "") < ($1.0, $1.1, $1.2 ?? "") }) {
                for rate in card.resolvedRates(service: service, unit: unit, modelId: model) {
                    out += [service, unit, model ?? "", CivilDate.isoString(forDayNumber: rate.effectiveFrom),
                            rate.priceUnit.rawValue, rate.costPerUnit.description].map(SQLResultFormatter.csvField).joined(separator: ",") + "\n"
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }

    }

    /// `tally rates load FILE`.
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the store's rate card by a JSON file (validated first).")
        @OptionGroup var options: StoreOption
        @Argument(help: "The card file (format of Data/rate-card.json; - for standard input).") var file: String

        func run() throws {
            let bytes: [UInt8]
            if file == "-" {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                do { bytes = try FileSystem().readToEnd(ofFile: file) } catch { throw CLIError("cannot read \(file): \(error)") }
            }
            let db = try openRateDatabase(options.store)
            defer { try? db.close() }
            let card: RateCard
            do {
                card = try RateCard(jsonBytes: bytes)
                try db.setRateCard(card)
            } catch {
                throw CLIError("\(file): \(error); the store's rate card was not changed")
            }
            printText("loaded \(card.rows.count) rates from \(file)")
        }
    }

    /// `tally rates save FILE`.
    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the store's rate card as JSON.")
        @OptionGroup var options: StoreOption
        @Argument(help: "Output file (- for standard output).") var file: String

        func run() throws {
            let store = try openStore(options.store, readOnly: true)
            let bytes = try store.rateCard().jsonBytes()
            if file == "-" {
                FileHandle.standardOutput.write(Data(bytes))
            } else {
                do { try FileSystem().writeAtomically(bytes, to: file) } catch {
                    throw CLIError("cannot write \(file): \(error)")
                }
                printError("saved the rate card to \(file)")
            }
        }
    }

    /// `tally rates seed-defaults`.
    struct SeedDefaults: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed-defaults", abstract: "Replace the card by the reference rates (discards customised rows).")
        @OptionGroup var options: StoreOption

        func run() throws {
            let db = try openRateDatabase(options.store)
            defer { try? db.close() }
            let count = try db.updateRateCard { card in
                card.seedDefaults()
                return card.rows.count
            }
            print("seeded \(count) reference rates")
        }
    }

    /// `tally rates sync-missing`.
    struct SyncMissing: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync-missing", abstract: "Add new reference rates and refresh old defaults; keep customised rows.")
        @OptionGroup var options: StoreOption

        func run() throws {
            let db = try openRateDatabase(options.store)
            defer { try? db.close() }
            let report = try db.updateRateCard { $0.syncMissing() }
            print("added \(report.added), refreshed \(report.refreshed), kept customised \(report.keptCustomised), unchanged \(report.unchanged)")
        }
    }

    /// `tally rates set`.
    struct SetRate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Add or replace one rate row (marked custom, so sync-missing keeps it).",
            discussion: "A row is identified by service, rate type, model and effective date; a price change from a date on is a new row.")
        @OptionGroup var options: StoreOption
        @Option(help: "Service, e.g. anthropic, e2b.") var service: String
        @Option(help: "The unit priced, e.g. input_tokens, sandbox_seconds.") var rateType: String
        @Option(help: "Model id or tier (omit for every model of the service).") var model: String?
        @Option(help: "per_1M_tokens, per_hour, per_second or per_gb_month.") var priceUnit: String
        @Option(help: "Price in USD per price unit, an exact decimal, e.g. 3.75.") var cost: String
        @Option(help: "First UTC day it applies to (YYYY-MM-DD).") var effectiveFrom: String
        @Flag(help: "Store the row as inactive (it then prices nothing).") var inactive = false

        func validate() throws {
            guard PriceUnit(rawValue: priceUnit) != nil else {
                throw ValidationError("--price-unit must be one of \(PriceUnit.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let c = ExactDecimal(cost), !c.isNegative else {
                throw ValidationError("--cost '\(cost)' is not a non-negative decimal number (e.g. 3.75)")
            }
            guard CivilDate.parseISODate(effectiveFrom) != nil else {
                throw ValidationError("--effective-from '\(effectiveFrom)' is not a date (YYYY-MM-DD)")
            }
        }

        func run() throws {
            let db = try openRateDatabase(options.store)
            defer { try? db.close() }
            let row = RateRow(service: service, rateType: rateType, modelOrTier: model, priceUnit: PriceUnit(rawValue: priceUnit)!,
                              costPerUnit: ExactDecimal(cost)!, isActive: !inactive, effectiveFrom: CivilDate.parseISODate(effectiveFrom)!)
            let existed: Bool
            do {
                existed = try db.updateRateCard { card in
                    let existed = card.rows.contains { $0.identity == row.identity }
                    card.upsert(row)
                    return existed
                }
            } catch let error as RateCardError {
                throw CLIError("\(error); the rate card was not changed")
            }
            printText("\(existed ? "replaced" : "added") \(service) \(rateType) \(model ?? "(all models)") from \(effectiveFrom): \(cost) USD \(priceUnit) (custom)")
        }
    }

    /// `tally rates reprice`.
    struct Reprice: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-apply the current card to stored rows of a date range (rows with their own cost are kept).")
        @OptionGroup var options: StoreOption
        @Option(help: "First UTC day (YYYY-MM-DD), inclusive.") var from: String
        @Option(help: "Last UTC day (YYYY-MM-DD), inclusive.") var to: String
        @Option(help: "Only this project.") var project: String?

        func validate() throws {
            guard let f = CivilDate.parseISODate(from) else { throw ValidationError("--from '\(from)' is not a date (YYYY-MM-DD)") }
            guard let t = CivilDate.parseISODate(to) else { throw ValidationError("--to '\(to)' is not a date (YYYY-MM-DD)") }
            guard f <= t else { throw ValidationError("--from \(from) is after --to \(to)") }
        }

        func run() throws {
            var storeOptions = StoreOptions()
            storeOptions.createIfMissing = false
            storeOptions.compactionThreshold = 0
            let store = try Store.openPriced(at: options.store, options: storeOptions)
            defer { try? store.close() }
            let report = try store.reprice(
                days: CivilDate.parseISODate(from)!...CivilDate.parseISODate(to)!, project: project)
            print("repriced \(grouped(report.rowsRepriced)) rows from \(from) to \(to): \(grouped(report.rowsChanged)) changed in \(report.partsRewritten) parts, "
                  + "\(grouped(report.givenRowsKept)) with their own cost kept; cost change \(Money.format(nanos: report.costDeltaNanos)) USD")
        }
    }
}

/// Opens an existing database to change its rate card. The records are opened read-only:
/// the card has its own lock, so it can change while a server or an import writes (they
/// price with the new card from their next append on).
private func openRateDatabase(_ path: String) throws -> Database {
    var configuration = Database.Configuration()
    configuration.readOnly = true
    configuration.createIfMissing = false
    return try Database(path: path, configuration: configuration)
}

/// Left-aligned columns separated by two spaces, with a rule under the header.
private func table(_ rows: [[String]]) -> String {
    guard let header = rows.first else { return "" }
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ r: [String]) -> String {
        r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
    }
    var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    out += rows.dropFirst().map(line)
    return out.joined(separator: "\n")
}
