import Synchronization
import TallyFormat
import TallyStore
import TallySystem
import TallyExecution

/// Reads the usage table's parts as chunks: prunes parts by project and day, row groups
/// by statistics and dictionary code masks, and decodes only the referenced columns.
final class TableScanOperator {
    let scan: TableScan
    let storedColumns: Set<Column>
    let counters: ScanCounters

    init(_ scan: TableScan, counters: ScanCounters) {
        self.scan = scan
        self.counters = counters
        var stored = Set<Column>()
        for i in scan.columns {
            if let c = UsageTable.columns[i].stored { stored.insert(c) }
            if i == UsageTable.dateIndex { stored.insert(.ts) }
        }
        storedColumns = stored
    }

    /// The parts the scan may need, from the manifest alone.
    ///
    /// Filters on project_id are decided per project, all projects in one evaluation (a
    /// store of thousands of small projects paid a one-row evaluation per project, 5 ms a
    /// statement at 1,576 projects); a filter naming projects reads only their parts.
    func candidateParts(_ snapshot: Snapshot) -> [PartHandle] {
        var parts: [PartHandle]
        if let projects = scan.projects {
            parts = projects.sorted().flatMap { snapshot.parts(project: $0, days: scan.bounds.days) }
        } else {
            parts = snapshot.parts(project: nil, days: scan.bounds.days)
        }
        let predicates = scan.dictionaryFilters.filter { $0.0 == UsageTable.projectIndex }.map(\.1)
        guard !predicates.isEmpty, !parts.isEmpty else { return parts }
        var names: [String] = []
        var seen = Set<String>()
        for p in parts where seen.insert(p.entry.projectId).inserted { names.append(p.entry.projectId) }
        var columns = UsageTable.columns.map { ColumnVector.constant(.null, type: $0.type, count: names.count) }
        columns[UsageTable.projectIndex] = ColumnVector(type: .varchar, storage: .string(names), count: names.count)
        let chunk = DataChunk(columns: columns, count: names.count)
        var passing = Set(names)
        for predicate in predicates {
            guard let truth = (try? ExpressionEvaluator.evaluate(predicate, chunk)).map(Logic.truth) else { return [] }
            for (i, name) in names.enumerated() where truth[i] != 1 { passing.remove(name) }
        }
        return parts.filter { passing.contains($0.entry.projectId) }
    }

    /// A part's dictionary of one text column as a vector: entry 0 is NULL, entry `i` the
    /// dictionary's value `i - 1` (so store codes index it directly).
    static func dictionaryVector(_ values: [String]) -> ColumnVector {
        var valid = [Bool](repeating: true, count: values.count + 1)
        valid[0] = false
        return ColumnVector(type: .varchar, storage: .string([""] + values), validity: valid, count: values.count + 1)
    }

    /// Scans one part, passing each chunk to `body` (which returns false to stop).
    /// With `limit`, only the part's rows in it (a part split over resident segments).
    func scanPart(_ handle: PartHandle, limit: Range<Int>? = nil, batch: ColumnBatch, isCancelled: () -> Bool,
                  _ body: (DataChunk) throws(SQLError) -> Bool) throws -> Bool {
        let reader = try handle.reader()
        let project = handle.entry.projectId
        var dictionaries: [Int: (ColumnVector, Int)] = [:]
        func dictionary(_ index: Int) throws -> (ColumnVector, Int) {
            if let d = dictionaries[index] { return d }
            let d = try TableScanOperator.partDictionary(reader, index, batch: batch)
            dictionaries[index] = d
            return d
        }
        guard let masks = try codeMasks(dictionary) else {
            counters.add(partsSkipped: 1)
            return true
        }
        var ranges = try reader.scanRanges(within: scan.bounds, masks: masks, useRunIndex: true, batch: batch)
        if let limit {
            ranges.ranges = ranges.ranges.compactMap { r in
                let lo = max(r.rows.lowerBound, limit.lowerBound), hi = min(r.rows.upperBound, limit.upperBound)
                guard lo < hi else { return nil }
                var cut = r
                cut.rows = lo..<hi
                return cut
            }
        }
        counters.add(partsRead: 1)
        var keepGoing = true
        if storedColumns.isEmpty {
            // Nothing to decode (count(*) under partition filters): the row counts do.
            for range in ranges.ranges where keepGoing {
                let chunk = try makeChunk(batch, rows: 0..<range.rows.count, project: project, dictionary: dictionary, count: range.rows.count)
                counters.add(rowsScanned: chunk.count)
                keepGoing = try body(chunk)
            }
            return keepGoing
        }
        for range in ranges.ranges where keepGoing {
            if isCancelled() { throw ExecutionError.cancelled }
            var failure: SQLError? = nil
            try reader.scan(columns: storedColumns, rows: range.rows, batch: batch) { b, rows in
                guard keepGoing, failure == nil else { return }
                do {
                    let chunk = try makeChunk(b, rows: rows, project: project, dictionary: dictionary)
                    counters.add(rowsScanned: chunk.count)
                    keepGoing = try body(chunk)
                } catch let e as SQLError {
                    failure = e
                }
            }
            if let failure { throw failure }
        }
        return keepGoing
    }

    /// A part's dictionary of schema column `index` as a vector (`dictionaryVector`) and its
    /// identity, shared by every query through `PartDictionaries`.
    static func partDictionary(_ reader: PartReader, _ index: Int, batch: ColumnBatch) throws -> (ColumnVector, Int) {
        // Keyed by the file and the dictionary block's place and checksum, so a store
        // recreated at the same path with other contents never meets a stale entry.
        let stored = UsageTable.columns[index].stored!
        let blob = Int(stored.rawValue) < reader.footer.dictionaries.count ? reader.footer.dictionaries[Int(stored.rawValue)] : nil
        let key = PartDictionaries.Key(path: reader.path, column: index, fileSize: reader.fileSize,
                                       offset: blob?.offset ?? -1, checksum: blob?.checksum ?? 0)
        return try PartDictionaries.shared.vector(key) {
            TableScanOperator.dictionaryVector(try reader.dictionary(stored, batch: batch))
        }
    }

    /// The scan's dictionary filters as code masks over one part's dictionaries (`dictionary`
    /// gives the part's dictionary of a schema column); nil when a mask passes no code, so
    /// no row of the part can pass. Filters on project_id are left out: they were decided
    /// from the manifest (`candidateParts`).
    func codeMasks(_ dictionary: (Int) throws -> (ColumnVector, Int)) throws -> [CodeMask]? {
        var masks: [CodeMask] = []
        for (column, predicate) in scan.dictionaryFilters where column != UsageTable.projectIndex {
            let (values, id) = try dictionary(column)
            if let wanted = TableScanOperator.lookedUpValues(predicate, column: column),
               let codes = PartDictionaries.shared.codes(of: wanted, in: values, id: id) {
                // `= 'x'` or `IN (...)`: the values looked up, not every entry tested (a
                // busy project's part holds tens of thousands of run ids).
                if codes.isEmpty { return nil }
                if let stored = UsageTable.columns[column].stored {
                    masks.append(CodeMask(column: stored, count: values.count, passingCodes: codes))
                }
                continue
            }
            var columns = UsageTable.columns.map { ColumnVector.constant(.null, type: $0.type, count: values.count) }
            columns[column] = values
            let truth = Logic.truth(try ExpressionEvaluator.evaluate(predicate, DataChunk(columns: columns, count: values.count)))
            let mask = truth.map { $0 == 1 ? UInt8(1) : 0 }
            if !mask.contains(1) { return nil }
            if let stored = UsageTable.columns[column].stored {
                var m = CodeMask(column: stored, mask: mask)
                m.computePrefix()
                masks.append(m)
            }
        }
        return masks
    }

    /// The text values a condition on `column` passes when it is `column = 'x'` or
    /// `column IN ('x', ...)` (nil for any other condition).
    static func lookedUpValues(_ predicate: BoundExpression, column: Int) -> [String]? {
        guard case .call(let f, let args) = predicate else { return nil }
        var constants: [ScalarValue]
        switch f.filterForm {
        case .compare(.equal)?:
            guard args.count == 2 else { return nil }
            if case .column(column, _, _) = args[0], case .constant(let c, _) = args[1] { constants = [c] }
            else if case .constant(let c, _) = args[0], case .column(column, _, _) = args[1] { constants = [c] }
            else { return nil }
        case .oneOf(let values)?:
            guard args.count == 1, case .column(column, _, _) = args[0] else { return nil }
            constants = values
        default:
            return nil
        }
        var out: [String] = []
        for c in constants {
            guard case .string(let s) = c else { return nil }
            out.append(s)
        }
        return out
    }

    func makeChunk(_ b: ColumnBatch, rows: Range<Int>, project: String,
                   dictionary: (Int) throws -> (ColumnVector, Int), count: Int? = nil) throws -> DataChunk {
        let n = count ?? b.rowCount
        var columns: [ColumnVector] = []
        columns.reserveCapacity(UsageTable.columns.count)
        for (i, info) in UsageTable.columns.enumerated() {
            guard scan.columns.contains(i) else {
                columns.append(.constant(.null, type: info.type, count: n))
                continue
            }
            switch i {
            case UsageTable.projectIndex:
                columns.append(.constant(.string(project), type: .varchar, count: n))
            case UsageTable.tsIndex:
                var us = [Int64](repeating: 0, count: n)
                b.ts.withUnsafeBufferPointer { ms in for r in 0..<n { us[r] = ms[r] &* 1000 } }
                columns.append(ColumnVector(type: .timestamp, storage: .int64(us), count: n))
            case UsageTable.dateIndex:
                var days = [Int64](repeating: 0, count: n)
                b.ts.withUnsafeBufferPointer { ms in
                    for r in 0..<n {
                        let q = ms[r] / 86_400_000
                        days[r] = (ms[r] % 86_400_000 < 0) ? q - 1 : q
                    }
                }
                columns.append(ColumnVector(type: .date, storage: .int64(days), count: n))
            default:
                let stored = info.stored!
                switch stored.kind {
                case .string:
                    let (dict, id) = try dictionary(i)
                    columns.append(ColumnVector(type: .varchar, storage: .dictionary(codes: b.codes[Int(stored.rawValue)], dictionary: dict, dictionaryID: id), count: n))
                case .double:
                    columns.append(ColumnVector(type: .double, storage: .double(b.quantity), count: n))
                case .int64:
                    if stored == .cost {
                        columns.append(ColumnVector(type: info.type, storage: .int64(b.cost), count: n))
                    } else {
                        columns.append(ColumnVector(type: info.type, storage: .int64(b.costSource), count: n))
                    }
                case .nullableInt:
                    let valid = b.validity[Int(stored.rawValue)]
                    var flags = [Bool](repeating: true, count: n)
                    var anyNull = false
                    for r in 0..<n where valid[r] == 0 { flags[r] = false; anyNull = true }
                    columns.append(ColumnVector(type: info.type, storage: .int64(b.ints[Int(stored.rawValue)]), validity: anyNull ? flags : nil, count: n))
                }
            }
        }
        let chunk = DataChunk(columns: columns, count: n)
        if rows == 0..<n { return chunk }
        return chunk.gather(rows.map { Int32($0) })
    }
}

/// Counters for EXPLAIN ANALYZE and the result's scanned-row count.
final class ScanCounters: @unchecked Sendable {
    private let lock = NSLockLike()
    private(set) var partsRead = 0
    private(set) var partsSkipped = 0
    private(set) var rowsScanned = 0

    func add(partsRead: Int = 0, partsSkipped: Int = 0, rowsScanned: Int = 0) {
        lock.locked {
            self.partsRead += partsRead
            self.partsSkipped += partsSkipped
            self.rowsScanned += rowsScanned
        }
    }
}


/// A tiny mutex wrapper usable from non-Sendable contexts.
final class NSLockLike: @unchecked Sendable {
    private let mutex = Mutex<Void>(())
    func locked<T>(_ body: () -> T) -> T { mutex.withLock { _ in body() } }
}

/// Dictionary vectors of parts, kept across queries: a part file never changes, so its
/// dictionary (as a vector, with its id for grouping caches) is built once, not once per
/// query; bounded by entries.
final class PartDictionaries: @unchecked Sendable {
    struct Key: Hashable {
        var path: String
        var column: Int
        var fileSize: Int
        var offset: Int
        var checksum: UInt32
    }

    static let shared = PartDictionaries()
    private let lock = NSLockLike()
    private var entries: [Key: (ColumnVector, Int)] = [:]
    private let capacity = 20_000

    func vector(_ key: Key, _ make: () throws -> ColumnVector) throws -> (ColumnVector, Int) {
        if let hit = lock.locked({ entries[key] }) { return hit }
        let made = (try make(), DictionaryIDs.freshDistinct())
        lock.locked {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }

    /// Per dictionary (by id), each text's code, keyed by bytes (`ExactText`).
    private var codeMaps: [Int: [ExactText: Int]] = [:]
    private var codeMapEntries = 0

    /// The codes of `dictionary` (a `TableScanOperator.dictionaryVector`, id `id`) whose
    /// text is one of `values`, byte for byte, in no particular order (a value listed twice,
    /// twice); nil when the dictionary is not plain text (the caller then tests every entry).
    func codes(of values: [String], in dictionary: ColumnVector, id: Int) -> [Int]? {
        guard case .string(let entries) = dictionary.storage else { return nil }
        let map: [ExactText: Int]
        if let known = lock.locked({ codeMaps[id] }) { map = known } else {
            var built = [ExactText: Int](minimumCapacity: entries.count)
            for code in 1..<max(1, entries.count) { built[ExactText(entries[code])] = code }
            map = built
            lock.locked {
                // Bounded by entries held, like the dictionaries themselves.
                if codeMapEntries + entries.count > capacity * 64 { codeMaps.removeAll(); codeMapEntries = 0 }
                codeMaps[id] = built
                codeMapEntries += entries.count
            }
        }
        var out: [Int] = []
        for v in values {
            if let code = map[ExactText(v)] { out.append(code) }
        }
        return out
    }

    /// `codes(of:in:id:)` as a mask over the dictionary's codes.
    func mask(of values: [String], in dictionary: ColumnVector, id: Int) -> [UInt8]? {
        guard let codes = codes(of: values, in: dictionary, id: id) else { return nil }
        var mask = [UInt8](repeating: 0, count: dictionary.count)
        for c in codes { mask[c] = 1 }
        return mask
    }
}
