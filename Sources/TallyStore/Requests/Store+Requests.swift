import TallyFormat
import TallySystem

extension Store {
    /// The request keys stored on `day` for `project`, each with the quantity its rows
    /// add up to, from the current snapshot.
    ///
    /// Reads only what the keys need: the parts of the project whose days include `day`
    /// (from the manifest), the rows of that day (the part's day index), and of those
    /// only the row groups whose `request_id` chunk holds a value (its null count in the
    /// footer; a part written before the column has no chunk). A store whose rows carry
    /// no request id therefore opens no column at all. Four columns are decoded:
    /// request_id, unit, capture_source and quantity.
    package func storedRequests(project: String, day: Int32) throws -> [RequestKey: Double] {
        var out = [RequestKey: Double]()
        let batch = ColumnBatch()
        for handle in snapshot().parts(project: project, days: day...day) {
            let reader = try handle.reader()
            let rows = reader.rowRange(days: day...day)
            let groups = reader.footer.rowGroups.filter { g in
                g.firstRow < rows.upperBound && g.firstRow + g.rowCount > rows.lowerBound
                    && (g.chunk(.requestId).map { $0.nullCount < g.rowCount } ?? false)
            }
            guard !groups.isEmpty else { continue }
            let ids = try reader.dictionary(.requestId, batch: batch, keep: false)
            let units = try reader.dictionary(.unit, batch: batch)
            let sources = try reader.dictionary(.captureSource, batch: batch)
            func value(_ code: Int64, _ d: [String], _ c: Column) throws -> String? {
                if code == 0 { return nil }
                guard code <= d.count else {
                    throw StorageError.corrupt(path: reader.path, reason: "code \(code) outside the \(c.name) dictionary (\(d.count))")
                }
                return d[Int(code) - 1]
            }
            for g in groups {
                let lo = max(rows.lowerBound, g.firstRow), hi = min(rows.upperBound, g.firstRow + g.rowCount)
                try reader.scan(columns: [.requestId, .unit, .captureSource, .quantity], rows: lo..<hi, batch: batch) { b, range in
                    let idCodes = b.codes[Int(Column.requestId.rawValue)]
                    let unitCodes = b.codes[Int(Column.unit.rawValue)]
                    let sourceCodes = b.codes[Int(Column.captureSource.rawValue)]
                    for row in range where idCodes[row] != 0 {
                        let key = RequestKey(
                            projectId: project, day: day, captureSource: try value(sourceCodes[row], sources, .captureSource),
                            requestId: try value(idCodes[row], ids, .requestId)!, unit: try value(unitCodes[row], units, .unit) ?? "")
                        out[key, default: 0] += b.quantity[row]
                    }
                }
            }
        }
        return out
    }
}
