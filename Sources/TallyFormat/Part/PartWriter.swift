import TallySystem
/// Turns a `RowBuffer` into the bytes of a part file (see `PartFormat`).
package struct PartWriter {
    /// The codec for column chunks and dictionaries.
    package var codec: Codec
    let compressor: BlockCompressor
    /// Ranks the forms of a chunk by compressing each with Zstandard (see `putSmallest`):
    /// `compressor` itself when its level is fast (fresh rows), so that the winner's trial
    /// is its stored form; a level-1 compressor for merges' strong levels.
    let trialCompressor: BlockCompressor
    /// Rows per row group (at most `PartFormat.rowGroupSize`).
    let rowGroupSize: Int
    /// Cells per row at most for the run rollup to be written (`RollupPolicy`).
    package var maximumRollupCellShare = RollupPolicy.maximumCellShare

    /// Creates a writer; one per thread, since it owns compression contexts.
    /// The codec of column `column`'s dictionary in a store of codec `store`. Request ids
    /// are random (a 128-bit id in base 62 or hex): LZ4 finds almost no repeats in them
    /// where Zstandard's entropy coding stores them near their entropy (measured on the
    /// demo's 1M rows with an id per model call: 7.53 -> 5.13 bytes per row), and the
    /// dictionary is read only by the queries and imports that look at request ids. A
    /// store asked for no compression gets none; a Zstandard store gets Zstandard anyway.
    static func dictionaryCodec(_ column: Column, store: Codec) -> Codec {
        column == .requestId && store == .lz4 ? .zstd : store
    }

    package init(codec: Codec, compressor: BlockCompressor = BlockCompressor(), rowGroupSize: Int = PartFormat.writtenRowGroupSize) {
        precondition(rowGroupSize > 0 && rowGroupSize <= PartFormat.rowGroupSize, "row groups hold 1...\(PartFormat.rowGroupSize) rows")
        self.codec = codec
        self.compressor = compressor
        self.trialCompressor = compressor.zstdLevel <= PartWriter.strongestTrialLevel ? compressor : BlockCompressor(zstdLevel: 1)
        self.rowGroupSize = rowGroupSize
    }

    /// Forms of a chunk more than this many times the smallest in raw bytes are not ranked
    /// (see `putSmallest`).
    static let formSizeLimit = 2

    /// The strongest Zstandard level whose compression serves as a trial.
    static let strongestTrialLevel: Int32 = 3

    /// The complete part file for the rows of `buffer`, which must not be empty.
    package func encode(_ buffer: RowBuffer, sections extra: [UInt8: [UInt8]] = [:]) -> [UInt8] {
        let n = buffer.count
        precondition(n > 0, "a part holds at least one row")
        // Order rows by (day, run, time of day): runs become contiguous. The key packs
        // the day (counted from the part's first day: a month, or several for a small
        // project, see `PartSpans`), the run code and the millisecond of the day.
        let runCodes = buffer.codes(.runId)
        var minTs = Int64.max, maxTs = Int64.min
        for t in buffer.ts { minTs = Swift.min(minTs, t); maxTs = Swift.max(maxTs, t) }
        let firstDay = CivilDate.dayNumber(forMilliseconds: minTs)
        let daySpan = Int(CivilDate.dayNumber(forMilliseconds: maxTs) - firstDay) + 1
        let runSlots = buffer.strings[Int(Column.runId.rawValue)].values.count + 1
        let runBits = UInt64(64 - UInt64(runSlots).leadingZeroBitCount)
        let dayShift = 27 + runBits
        let dayBits = UInt64(64 - UInt64(daySpan).leadingZeroBitCount)
        let packed = dayShift + dayBits <= 64
        var keys = [UInt64](repeating: 0, count: n)
        var dayOffsets = [Int32](repeating: 0, count: packed ? 0 : n)
        // (day, run) as a dense bucket number, for the counting sort that finds the
        // order when each run's rows arrived in time order (almost always).
        let bucketCount = daySpan * runSlots
        let bucketed = packed && bucketCount <= 4 * n + 1024
        var buckets = [UInt32](repeating: 0, count: bucketed ? n : 0)
        for i in 0..<n {
            let t = buffer.ts[i]
            let day = CivilDate.dayNumber(forMilliseconds: t)
            let offset = UInt64(day - firstDay)
            let msOfDay = UInt64(t - Int64(day) * CivilDate.millisecondsPerDay)
            if packed {
                keys[i] = offset << dayShift | UInt64(runCodes[i]) << 27 | msOfDay
            } else {
                keys[i] = UInt64(runCodes[i]) << 27 | msOfDay
                dayOffsets[i] = Int32(offset)
            }
            if bucketed { buckets[i] = UInt32(truncatingIfNeeded: Int(offset) * runSlots + Int(runCodes[i])) }
        }
        let order: [UInt32]
        if bucketed {
            order = RadixSort.permutation(sorting: keys, buckets: buckets, bucketCount: bucketCount)
        } else if packed {
            order = RadixSort.permutation(sorting: keys)
        } else {
            // Too many runs and days for one 64-bit key (never for the parts compaction
            // writes): a comparison sort on (day, run and time).
            var o = (0..<n).map { UInt32($0) }
            o.sort { a, b in (dayOffsets[Int(a)], keys[Int(a)], a) < (dayOffsets[Int(b)], keys[Int(b)], b) }
            order = o
        }

        var file = ByteWriter(capacity: n * 8)
        file.write(contentsOf: PartFormat.magic)
        func put(_ raw: [UInt8], codec: Codec? = nil) -> BlobRef {
            let (used, stored) = compressor.compress(raw, codec: codec ?? self.codec)
            return write(stored, raw: raw, used: used)
        }
        func write(_ stored: [UInt8], raw: [UInt8], used: Codec) -> BlobRef {
            let ref = BlobRef(
                offset: file.count, storedLength: stored.count, rawLength: raw.count,
                codec: used, checksum: CRC32C.checksum(stored))
            file.write(contentsOf: stored)
            return ref
        }
        // The smallest stored form among encodings of the same chunk, in a store's codec
        // or (in an LZ4 store) Zstandard, which is kept only when it saves a sixteenth or
        // more over LZ4 (it decodes slower). Of several forms, those more than twice the
        // smallest in raw bytes are dropped and the rest ranked by their Zstandard size
        // (`trialCompressor`); only the winner is compressed with the store's codec, and
        // its trial is its Zstandard form when the trial ran at the store's level.
        // Compressing every form with LZ4, ranking by a level-1 trial and compressing the
        // winner again at level 3 took, to import 200k per_step rows (callgrind), 11%
        // more instructions than dropping and ranking forms this way, which took 4% more
        // than reusing the trial; on five data shapes the parts came out within 0.2% of
        // the same size.
        func putSmallest(_ candidates: [[UInt8]], codec: Codec? = nil) -> BlobRef {
            let codec = codec ?? self.codec
            var raw = candidates[0]
            // The winner's trial output, which is its Zstandard form when the store
            // compresses at the trial's level.
            var trial: (used: Codec, stored: [UInt8])? = nil
            if candidates.count > 1 {
                let smallest = candidates.lazy.map(\.count).min()!
                if codec == .none {
                    raw = candidates.first { $0.count == smallest }!
                } else {
                    var bestTrial = Int.max
                    for form in candidates where form.count <= PartWriter.formSizeLimit * smallest {
                        let (used, stored) = trialCompressor.compress(form, codec: .zstd)
                        let size = used == .zstd ? stored.count : form.count
                        if size < bestTrial { bestTrial = size; raw = form; trial = (used, stored) }
                    }
                }
            }
            if trialCompressor !== compressor { trial = nil }
            func zstd() -> (Codec, [UInt8]) { trial.map { ($0.used, $0.stored) } ?? compressor.compress(raw, codec: .zstd) }
            let (used, stored) = codec == .zstd ? zstd() : compressor.compress(raw, codec: codec)
            guard codec == .lz4 else { return write(stored, raw: raw, used: used) }
            let (zstdUsed, zstdStored) = zstd()
            if zstdUsed == .zstd && zstdStored.count <= stored.count - stored.count / 16 {
                return write(zstdStored, raw: raw, used: zstdUsed)
            }
            return write(stored, raw: raw, used: used)
        }

        // Sorted dictionaries (byte order) and old-code -> new-code maps.
        var dictionaries = [BlobRef?](repeating: nil, count: PartFooter.columnSlots)
        var remaps = [[UInt32]](repeating: [], count: PartFooter.columnSlots)
        for c in Column.stringColumns {
            let b = buffer.strings[Int(c.rawValue)]
            let sortedIdx = StringDictionary.sortedOrder(of: b.values)
            var remap = [UInt32](repeating: 0, count: b.values.count + 1)
            for (newIdx, oldIdx) in sortedIdx.enumerated() { remap[oldIdx + 1] = UInt32(newIdx + 1) }
            remaps[Int(c.rawValue)] = remap
            let sorted = sortedIdx.map { b.values[$0] }
            var w = ByteWriter(capacity: 16 * b.values.count)
            StringDictionary.encode(sorted, into: &w)
            var forms = [w.bytes]
            var numeric = ByteWriter(capacity: 4 * b.values.count + 16)
            if StringDictionary.encodeNumeric(sorted, into: &numeric) { forms.append(numeric.bytes) }
            dictionaries[Int(c.rawValue)] = putSmallest(forms, codec: Self.dictionaryCodec(c, store: codec))
        }

        // The day of every row in part order, read from its sort key (whose top bits
        // are the day's offset from the first), and the day index over them.
        var sortedDays = [Int32](repeating: 0, count: n)
        order.withUnsafeBufferPointer { o in
            keys.withUnsafeBufferPointer { k in
                sortedDays.withUnsafeMutableBufferPointer { d in
                    if packed {
                        for j in 0..<n { d[j] = firstDay &+ Int32(truncatingIfNeeded: k[Int(o[j])] >> dayShift) }
                    } else {
                        for j in 0..<n { d[j] = firstDay &+ dayOffsets[Int(o[j])] }
                    }
                }
            }
        }
        var days = [PartFooter.DayRange]()
        var row = 0
        while row < n {
            let d = sortedDays[row]
            var end = row + 1
            while end < n && sortedDays[end] == d { end += 1 }
            days.append(PartFooter.DayRange(day: d, firstRow: row, rowCount: end - row))
            row = end
        }

        var groups = [PartFooter.RowGroup]()
        var ints = [Int64](repeating: 0, count: Swift.min(n, rowGroupSize))
        var doubles = [Double](repeating: 0, count: ints.count)
        var groupKeys = [UInt64](repeating: 0, count: ints.count)
        var start = 0
        while start < n {
            let m = Swift.min(rowGroupSize, n - start)
            let rows = order[start..<start + m]
            var chunks = [PartFooter.ChunkMeta?](repeating: nil, count: PartFooter.columnSlots)

            // `body` writes the chunk in the form it is given; with `varints`, the chunk
            // is written in every form and the smallest stored wins (`putSmallest`).
            // With `plainSequence` (the body writes `ints` as it is), a form whose fewest
            // possible bytes exceed what the ranking keeps against the lightweight form
            // (`formSizeLimit` times) is not made: the ranking would drop it unseen.
            func encodeInts(
                _ column: Column, nullCount: Int = 0, varints: Bool = false, plainSequence: Bool = false,
                body: (inout ByteWriter, IntegerEncoding.Form) -> Void
            ) {
                var forms = [[UInt8]]()
                var runs: Int? = nil
                for form in varints && codec != .none ? IntegerEncoding.Form.allCases : [.lightweight] {
                    if plainSequence, form != .lightweight, let lightweight = forms.first {
                        let r = runs ?? ints.withUnsafeBufferPointer { IntegerEncoding.runCount(UnsafeBufferPointer(rebasing: $0[0..<m])) }
                        runs = r
                        if IntegerEncoding.minimumSize(of: form, count: m, runs: r) > PartWriter.formSizeLimit * lightweight.count { continue }
                    }
                    var w = ByteWriter(capacity: m)
                    body(&w, form)
                    forms.append(w.bytes)
                }
                chunks[Int(column.rawValue)] = PartFooter.ChunkMeta(
                    blob: putSmallest(forms), nullCount: nullCount, min: 0, max: 0)
            }
            func encodeSequence(_ w: inout ByteWriter, form: IntegerEncoding.Form) {
                ints.withUnsafeBufferPointer { IntegerEncoding.encode(UnsafeBufferPointer(rebasing: $0[0..<m]), form: form, into: &w) }
            }
            // Hot loops work on unsafe buffers taken once per chunk: `ints` is captured by
            // these nested functions, and every element access to a captured variable
            // would otherwise pay a dynamic exclusivity check.
            func gather(_ source: UnsafeBufferPointer<Int64>) -> (Int64, Int64) {
                var lo = Int64.max, hi = Int64.min
                rows.withUnsafeBufferPointer { r in
                    ints.withUnsafeMutableBufferPointer { dst in
                        for j in 0..<m {
                            let v = source[Int(r[j])]
                            dst[j] = v
                            lo = Swift.min(lo, v); hi = Swift.max(hi, v)
                        }
                    }
                }
                return (lo, hi)
            }
            func intChunk(_ column: Column, _ source: UnsafeBufferPointer<Int64>) {
                let (lo, hi) = gather(source)
                encodeInts(column, varints: true, plainSequence: true) { w, form in encodeSequence(&w, form: form) }
                chunks[Int(column.rawValue)]!.min = lo
                chunks[Int(column.rawValue)]!.max = hi
            }

            intChunk(.ts, buffer.ts)
            intChunk(.costSource, buffer.costSource)

            // Quantity: stats on bit patterns, which order like the values for q >= 0.
            var qLo = Int64.max, qHi = Int64.min
            rows.withUnsafeBufferPointer { r in
                let src = buffer.quantity
                doubles.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<m {
                        let q = src[Int(r[j])]
                        dst[j] = q
                        let bits = Int64(bitPattern: q.bitPattern)
                        qLo = Swift.min(qLo, bits); qHi = Swift.max(qHi, bits)
                    }
                }
            }
            // Quantities grouped by unit: each unit's magnitudes get their own width.
            let unitCodes = buffer.codes(.unit)
            rows.withUnsafeBufferPointer { r in
                groupKeys.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<m { dst[j] = UInt64(unitCodes[Int(r[j])]) }
                }
            }
            encodeInts(.quantity) { w, _ in
                doubles.withUnsafeBufferPointer { q in groupKeys.withUnsafeBufferPointer { k in
                    QuantityEncoding.encode(
                        UnsafeBufferPointer(rebasing: q[0..<m]), groups: UnsafeBufferPointer(rebasing: k[0..<m]), into: &w)
                }}
            }
            chunks[Int(Column.quantity.rawValue)]!.min = qLo
            chunks[Int(Column.quantity.rawValue)]!.max = qHi

            // Cost, predicted per (service, unit, model).
            let svc = buffer.codes(.service)
            let unit = buffer.codes(.unit)
            let model = buffer.codes(.modelId)
            rows.withUnsafeBufferPointer { r in
                groupKeys.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<m {
                        let i = Int(r[j])
                        dst[j] = UInt64(svc[i]) << 42 | UInt64(unit[i]) << 21 | UInt64(model[i])
                    }
                }
            }
            let (cLo, cHi) = gather(buffer.cost)
            encodeInts(.cost) { w, _ in
                ints.withUnsafeBufferPointer { c in doubles.withUnsafeBufferPointer { q in groupKeys.withUnsafeBufferPointer { k in
                    CostEncoding.encode(
                        costs: UnsafeBufferPointer(rebasing: c[0..<m]), quantities: UnsafeBufferPointer(rebasing: q[0..<m]),
                        groupKeys: UnsafeBufferPointer(rebasing: k[0..<m]), into: &w)
                }}}
            }
            chunks[Int(Column.cost.rawValue)]!.min = cLo
            chunks[Int(Column.cost.rawValue)]!.max = cHi

            for (column, builder) in [(Column.stepIndex, buffer.stepIndex), (.durationMs, buffer.durationMs), (.parserVersion, buffer.parserVersion)] {
                var lo = Int64.max, hi = Int64.min
                var values = [Int64](repeating: 0, count: m)
                var present = 0
                rows.withUnsafeBufferPointer { r in
                    let valid = builder.valid, src = builder.values
                    ints.withUnsafeMutableBufferPointer { flags in
                        values.withUnsafeMutableBufferPointer { dst in
                            for j in 0..<m {
                                let i = Int(r[j])
                                let ok = valid[i]
                                flags[j] = ok ? 1 : 0
                                // Written unconditionally, kept only when valid.
                                let v = src[i]
                                dst[present] = v
                                if ok {
                                    present &+= 1
                                    lo = Swift.min(lo, v); hi = Swift.max(hi, v)
                                }
                            }
                        }
                    }
                }
                let nulls = m - present
                values.removeLast(nulls)
                encodeInts(column, nullCount: nulls, varints: true) { w, form in
                    ints.withUnsafeBufferPointer { v in
                        NullableIntEncoding.encode(
                            validity: UnsafeBufferPointer(rebasing: v[0..<m]), values: values, nullCount: nulls,
                            form: form, into: &w)
                    }
                }
                chunks[Int(column.rawValue)]!.min = nulls == m ? 0 : lo
                chunks[Int(column.rawValue)]!.max = nulls == m ? 0 : hi
            }

            for c in Column.stringColumns {
                let src = buffer.codes(c)
                let remap = remaps[Int(c.rawValue)]
                var nulls = 0
                var lo = Int64.max, hi = Int64.min
                rows.withUnsafeBufferPointer { r in
                    remap.withUnsafeBufferPointer { map in
                        ints.withUnsafeMutableBufferPointer { dst in
                            for j in 0..<m {
                                let code = Int64(map[Int(src[Int(r[j])])])
                                dst[j] = code
                                if code == 0 { nulls += 1 } else { lo = Swift.min(lo, code); hi = Swift.max(hi, code) }
                            }
                        }
                    }
                }
                encodeInts(c, nullCount: nulls, varints: true, plainSequence: true) { w, form in encodeSequence(&w, form: form) }
                chunks[Int(c.rawValue)]!.min = nulls == m ? 0 : lo
                chunks[Int(c.rawValue)]!.max = nulls == m ? 0 : hi
            }
            groups.append(PartFooter.RowGroup(firstRow: start, rowCount: m, chunks: chunks))
            start += m
        }

        var sections = [UInt8: BlobRef]()
        var extra = extra
        if let (kind, bytes) = runSection(buffer, order: order, days: sortedDays, remaps: remaps) { extra[kind] = bytes }
        for (kind, raw) in extra.sorted(by: { $0.key < $1.key }) { sections[kind] = put(raw) }

        let footer = PartFooter(
            projectId: buffer.projectId, monthKey: buffer.monthKey, rowCount: n, minTs: minTs, maxTs: maxTs,
            days: days, dictionaries: dictionaries, rowGroups: groups, sections: sections
        ).encoded()
        file.write(contentsOf: footer)
        file.writeFixed(UInt32(footer.count))
        file.writeFixed(CRC32C.checksum(footer))
        file.write(contentsOf: PartFormat.magic)
        return file.bytes
    }

    /// The run rollup of the rows in part order (`order`, whose days are `days`), with
    /// codes remapped to the part's sorted dictionaries; when it does not pay, the run
    /// index (`RunIndex`); nil when neither does. Returns the section kind and bytes.
    private func runSection(_ buffer: RowBuffer, order: [UInt32], days: [Int32], remaps: [[UInt32]]) -> (UInt8, [UInt8])? {
        let n = order.count
        func gathered<T>(_ src: UnsafeBufferPointer<T>, _ transform: (T) -> Int64) -> [Int64] {
            var out = [Int64](repeating: 0, count: n)
            order.withUnsafeBufferPointer { o in
                out.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<n { dst[j] = transform(src[Int(o[j])]) }
                }
            }
            return out
        }
        let codes = RunRollup.dimensions.map { column in
            remaps[Int(column.rawValue)].withUnsafeBufferPointer { map in
                gathered(buffer.codes(column)) { Int64(map[Int($0)]) }
            }
        }
        if let rollup = RunRollup.encoded(days: days, codes: codes, costs: gathered(buffer.cost) { $0 }, share: maximumRollupCellShare) {
            return (RunRollup.sectionKind, rollup)
        }
        return RunIndex.encoded(days: days, runCodes: codes[0]).map { (RunIndex.sectionKind, $0) }
    }
}
