import CTallyKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// Reads usage records from CSV, streaming, in constant memory.
///
/// The format is RFC 4180 with a header row:
/// - The header names columns of the schema (`RecordColumn`) in any order. `project_id`,
///   `service`, `unit`, `quantity` and one of `ts`/`date` are required; others may be
///   left out. Names are matched exactly after trimming spaces. An unknown name is an
///   error naming it, unless `RecordImportOptions.ignoreUnknownColumns` is set.
/// - Fields may be quoted with `"`; inside quotes `""` is a quote, and commas and line
///   breaks are data. Lines end in LF or CRLF (a lone CR is data). A UTF-8 byte order
///   mark at the start is skipped. Empty lines between records are skipped.
/// - An empty field, quoted or not, is null. Text is stored exactly as written
///   (spaces and control characters included); only invalid UTF-8 and NUL are
///   rejected. Numbers, times and dates may have spaces around them.
/// - Every record must have as many fields as the header.
/// - Values: see `RecordImportOptions` and `RecordImportError` for what is accepted:
///   `ts` as integer ms or RFC 3339, `cost_usd` exact to 9 fractional digits (more
///   non-zero digits are an error, never rounded), `quantity` finite and >= 0.
///
/// Line numbers in errors are physical lines (1-based, the header is line 1) of the
/// line where the record starts, so a quoted field with line breaks does not shift them.
///
/// The file is read in blocks of `RecordImportOptions.blockSize` bytes and parsed in
/// place as bytes; Strings are built only for text fields whose bytes differ from the
/// previous record's value in the same column.
package struct CSVRecordReader: ~Copyable {
    /// The name used in error messages.
    package let fileName: String
    /// The header's column names as written in the file.
    package private(set) var header: [String] = []
    /// The 1-based line number where the next record starts.
    package private(set) var lineNumber = 1

    private var source: RecordByteSource
    private var assembler: RecordAssembler
    private var log: RecordErrorLog
    private let options: RecordImportOptions
    private var mapping: [RecordColumn?] = []
    /// `mapping` in a plain buffer, for the per-field loop.
    private var columnIndex: UnsafeMutablePointer<RecordColumn?>
    private var finished = false

    // Field boundaries of the record just scanned, as offsets into the buffer.
    private var fieldStart: UnsafeMutablePointer<Int>
    private var fieldEnd: UnsafeMutablePointer<Int>
    private var fieldEscaped: UnsafeMutablePointer<Bool>
    private var fieldCapacity: Int
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// Opens the file at `path` (through `fileSystem`, one read per block) and reads its header.
    package init(path: String, options: RecordImportOptions = .init(), fileSystem: FileSystem = FileSystem()) throws(RecordImportError) {
        let fd = try RecordByteSource.open(path: path, fileSystem: fileSystem)
        try self.init(source: RecordByteSource(fd: fd, fileSystem: fileSystem, closeOnDeinit: true, initialBytes: [], name: path, options: options),
                      options: options)
    }

    /// Reads from an open file descriptor (e.g. 0 for standard input), through
    /// `fileSystem`, and reads the header.
    ///
    /// `initialBytes` are bytes already read from `fileDescriptor`, e.g. to sniff the
    /// format; they are parsed first. The descriptor is closed when the reader goes away
    /// only if `closeWhenDone` is set.
    package init(fileDescriptor: Int32, name: String = "<stdin>", initialBytes: [UInt8] = [],
                closeWhenDone: Bool = false, options: RecordImportOptions = .init(), fileSystem: FileSystem = FileSystem()) throws(RecordImportError) {
        try self.init(source: RecordByteSource(fd: fileDescriptor, fileSystem: fileSystem, closeOnDeinit: closeWhenDone,
                                               initialBytes: initialBytes, name: name, options: options),
                      options: options)
    }

    /// Reads CSV held in memory, in blocks of `options.blockSize` as if from a file.
    package init(bytes: [UInt8], name: String, options: RecordImportOptions = .init()) throws(RecordImportError) {
        try self.init(source: RecordByteSource(bytes: bytes, name: name, options: options), options: options)
    }

    private init(source: consuming RecordByteSource, options: RecordImportOptions) throws(RecordImportError) {
        self.fileName = source.name
        self.source = source
        self.options = options
        self.assembler = RecordAssembler(file: fileName, onlyStorableTimes: options.onlyStorableTimes)
        self.log = RecordErrorLog(limit: options.maxCollectedErrors)
        fieldCapacity = 32
        fieldStart = .allocate(capacity: fieldCapacity)
        fieldEnd = .allocate(capacity: fieldCapacity)
        fieldEscaped = .allocate(capacity: fieldCapacity)
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
        columnIndex = .allocate(capacity: 1)
        try readHeader()
    }

    deinit {
        fieldStart.deallocate()
        fieldEnd.deallocate()
        fieldEscaped.deallocate()
        scratch.deallocate()
        columnIndex.deallocate()
    }

    /// Bytes read from the file so far, for progress display.
    package var bytesRead: Int64 { source.bytesRead }

    /// The input's `FileIdentity`, once every byte of it has been read (nil before):
    /// hashed as it was read, so an importer need not read the file a second time.
    package var contentIdentity: String? { source.atEOF ? FileIdentity.identity(source.contentHash) : nil }

    /// In `skipBadLines` mode, the first `maxCollectedErrors` records that were skipped.
    package var skippedErrors: [RecordImportError] { log.errors }

    /// In `skipBadLines` mode, how many records were skipped in all.
    package var skippedCount: Int { log.count }

    /// Appends up to `maxCount` (> 0) records to `records`; returns how many, 0 at end of file.
    ///
    /// Throws the first bad record unless `skipBadLines` is set; reading may go on after
    /// a throw, from the record after the bad one.
    package mutating func nextBatch(into records: inout [UsageRecord], maxCount: Int) throws(RecordImportError) -> Int {
        try read(maxCount: maxCount) { (reader, fields, line) throws(RecordImportError) in
            try reader.build(fields: fields, line: line) { (a, line) throws(RecordImportError) in try a.finish(line: line, into: &records) }
        }
    }

    /// Appends up to `maxCount` (> 0) records to `columns`, which must be empty: its text
    /// codes are numbered afresh for each batch. Returns how many, 0 at end of file.
    ///
    /// The same records as `nextBatch(into:maxCount:)` gives, with the same errors, but
    /// column by column: no `UsageRecord`, and a String only for a text value new to the
    /// batch.
    package mutating func nextBatch(into columns: inout UsageColumns, maxCount: Int) throws(RecordImportError) -> Int {
        precondition(columns.count == 0, "a columnar batch starts empty")
        assembler.beginBatch(rows: maxCount)
        defer { assembler.endBatch(&columns) }
        return try read(maxCount: maxCount) { (reader, fields, line) throws(RecordImportError) in
            try reader.build(fields: fields, line: line, columnar: true) { (a, line) throws(RecordImportError) in
                try a.finish(line: line, into: &columns)
            }
        }
    }

    /// Reads up to `maxCount` records, calling `build` with the field count and line of each.
    @inline(__always)
    private mutating func read(
        maxCount: Int, build: (inout CSVRecordReader, Int, Int) throws(RecordImportError) -> Void
    ) throws(RecordImportError) -> Int {
        var produced = 0
        while produced < maxCount && !finished {
            let recordLine = lineNumber
            let found = scanPlain(from: source.start).map { Scan.record(next: $0.next, fields: $0.fields, newlines: 0) }
            switch found ?? scan(from: source.start) {
            case .incomplete:
                do throws(RecordImportError) {
                    _ = try source.fill(recordLine: recordLine)
                } catch {
                    // A record too long to hold is a bad line like any other: skipped
                    // with the rest of its first line when bad lines are skipped
                    // (thrown again on every call, it would stop the reading for good).
                    guard case .recordTooLong = error.kind, options.skipBadLines else { throw error }
                    try report(error)
                    if try source.skipLine() { lineNumber += 1 } else { finished = true }
                }
            case .endOfFile:
                finished = true
            case .blank(let next):
                source.start = next
                lineNumber += 1
            case .record(let next, let fields, let newlines):
                source.start = next
                lineNumber += 1 + newlines
                do throws(RecordImportError) {
                    try build(&self, fields, recordLine)
                    produced += 1
                } catch {
                    try report(error)
                }
            case .malformedQuote(let next, let field, let newlines):
                source.start = next
                lineNumber += 1 + newlines
                try report(RecordImportError(
                    file: fileName, line: recordLine, column: columnName(field), kind: .malformedQuote,
                    message: "has text after its closing quote; inside a quoted field write a quote as \"\""))
            case .unterminatedQuote(let field):
                finished = true
                let value = RecordImportError.display(fieldBytes(field))
                try report(RecordImportError(
                    file: fileName, line: recordLine, column: columnName(field), value: value, kind: .unterminatedQuote,
                    message: "opens a quote that is never closed before the end of the file; close it with \""))
            }
        }
        return produced
    }

    private mutating func report(_ error: RecordImportError) throws(RecordImportError) {
        guard options.skipBadLines else { throw error }
        log.add(error)
    }

    private func columnName(_ field: Int) -> String? {
        field < header.count ? header[field] : nil
    }

    // MARK: Header

    private mutating func readHeader() throws(RecordImportError) {
        // Skip a UTF-8 byte order mark.
        while source.end - source.start < 3 {
            if try !source.fill(recordLine: 1) { break }
        }
        if source.end - source.start >= 3, source.base[source.start] == 0xEF,
           source.base[source.start + 1] == 0xBB, source.base[source.start + 2] == 0xBF {
            source.start += 3
        }
        while true {
            switch scan(from: source.start) {
            case .incomplete:
                _ = try source.fill(recordLine: lineNumber)
            case .blank(let next):
                source.start = next
                lineNumber += 1
            case .endOfFile:
                throw RecordImportError(file: fileName, line: 0, kind: .missingHeader,
                                        message: "is empty; a CSV file starts with a header row naming its columns, e.g. project_id,ts,service,unit,quantity")
            case .malformedQuote(_, let field, _):
                throw RecordImportError(file: fileName, line: lineNumber, column: "header field \(field + 1)", kind: .malformedQuote,
                                        message: "has text after its closing quote; fix the header row")
            case .unterminatedQuote:
                throw RecordImportError(file: fileName, line: lineNumber, kind: .unterminatedQuote,
                                        message: "the header row opens a quote that is never closed; fix the header row")
            case .record(let next, let fields, let newlines):
                try defineColumns(fields: fields)
                source.start = next
                lineNumber += 1 + newlines
                return
            }
        }
    }

    private mutating func defineColumns(fields: Int) throws(RecordImportError) {
        var seen = Set<RecordColumn>()
        for k in 0..<fields {
            let raw = fieldBytes(k)
            guard let name = String(validating: RecordFieldParser.trimmed(raw), as: UTF8.self) else {
                throw RecordImportError(file: fileName, line: lineNumber, column: "header field \(k + 1)",
                                        value: RecordImportError.display(raw), kind: .invalidUTF8,
                                        message: "is not valid UTF-8; convert the file to UTF-8")
            }
            header.append(name)
            if let column = RecordColumn(name: name) {
                guard seen.insert(column).inserted else {
                    throw RecordImportError(file: fileName, line: lineNumber, column: name, kind: .duplicateColumn,
                                            message: "appears twice in the header; remove one of them")
                }
                mapping.append(column)
            } else if options.ignoreUnknownColumns {
                mapping.append(nil)
            } else {
                throw RecordImportError(
                    file: fileName, line: lineNumber, column: name, kind: .unknownColumn,
                    message: "is not a column of the usage schema; known columns are \(RecordColumn.names.joined(separator: ", ")) (rename it to one of them, or remove it from the file)")
            }
        }
        columnIndex.deallocate()
        columnIndex = .allocate(capacity: max(1, mapping.count))
        columnIndex.initialize(from: mapping, count: mapping.count)
        for column in RecordColumn.required where !seen.contains(column) {
            if column == .ts && seen.contains(.date) { continue }
            throw RecordImportError(
                file: fileName, line: lineNumber, column: column == .ts ? "ts" : column.name, kind: .missingRequiredColumn,
                message: column == .ts
                    ? "is missing from the header; give ts (or date) so each record has a time"
                    : "is missing from the header; the required columns are project_id, ts or date, service, unit, quantity")
        }
    }

    // MARK: Records

    @inline(__always)
    private mutating func build(
        fields: Int, line: Int, columnar: Bool = false, finish: (inout RecordAssembler, Int) throws(RecordImportError) -> Void
    ) throws(RecordImportError) {
        guard fields == mapping.count else {
            throw RecordImportError(
                file: fileName, line: line, kind: .wrongFieldCount,
                message: "has \(fields) field\(fields == 1 ? "" : "s") but the header has \(mapping.count); quote fields that contain commas")
        }
        assembler.reset(columnar: columnar)
        for k in 0..<fields {
            guard let column = columnIndex[k] else { continue }
            try assembler.set(column, fieldBytes(k), line: line, columnar: columnar)
        }
        try finish(&assembler, line)
    }

    /// The value of field `k` of the record just scanned, with `""` turned into `"`.
    @inline(__always)
    private mutating func fieldBytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        let s = fieldStart[k], e = fieldEnd[k]
        let p = UnsafeBufferPointer(start: source.base + s, count: e &- s)
        guard fieldEscaped[k] else { return p }
        if scratchCapacity < p.count {
            scratch.deallocate()
            scratchCapacity = p.count
            scratch = .allocate(capacity: scratchCapacity)
        }
        var n = 0
        var i = 0
        while i < p.count {
            scratch[n] = p[i]
            n += 1
            i += p[i] == 0x22 ? 2 : 1
        }
        return UnsafeBufferPointer(start: scratch, count: n)
    }

    private enum Scan {
        case incomplete
        case endOfFile
        case blank(next: Int)
        case record(next: Int, fields: Int, newlines: Int)
        case malformedQuote(next: Int, field: Int, newlines: Int)
        case unterminatedQuote(field: Int)
    }

    @inline(__always)
    private mutating func addField(_ index: Int, _ s: Int, _ e: Int, _ escaped: Bool) {
        if index == fieldCapacity { growFields() }
        fieldStart[index] = s
        fieldEnd[index] = e
        fieldEscaped[index] = escaped
    }

    private mutating func growFields() {
        let n = fieldCapacity * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: n); s.update(from: fieldStart, count: fieldCapacity)
        let e = UnsafeMutablePointer<Int>.allocate(capacity: n); e.update(from: fieldEnd, count: fieldCapacity)
        let x = UnsafeMutablePointer<Bool>.allocate(capacity: n); x.update(from: fieldEscaped, count: fieldCapacity)
        fieldStart.deallocate(); fieldEnd.deallocate(); fieldEscaped.deallocate()
        fieldStart = s; fieldEnd = e; fieldEscaped = x
        fieldCapacity = n
    }

    /// The fields of the record starting at `pos` when it is plain: no carriage return,
    /// not blank, every quoted field a whole field with no quote or line feed inside
    /// (`"text",` as CSV writers quote every string), and ending in LF within the buffer at
    /// least 64 bytes before its end. Nil otherwise, for `scan` to read it. Each 64-byte
    /// block is classified at once (`tally_csv_masks`, SSE2): the bytes inside quotes are
    /// the prefix XOR of the quote bits (carried from block to block), and fields are cut
    /// at the commas outside them: no byte is looked at one by one.
    @inline(__always)
    private mutating func scanPlain(from pos: Int) -> (next: Int, fields: Int)? {
        let p = source.base
        let end = source.end
        let quote: UInt8 = 0x22
        var block = pos
        var field = 0
        var start = pos
        // All ones while the previous block ended inside quotes.
        var carry: UInt64 = 0
        // Quote bytes seen, and the two each whole quoted field accounts for: any other
        // quote (an escaped one, or one inside an unquoted field) sends the record to `scan`.
        var quotesSeen = 0, quotesCut = 0
        @inline(__always) func cut(_ at: Int) -> Bool {
            if p[start] == quote {
                guard at &- start >= 2, p[at &- 1] == quote else { return false }
                addField(field, start &+ 1, at &- 1, false)
                quotesCut &+= 2
            } else {
                addField(field, start, at, false)
            }
            field &+= 1
            start = at &+ 1
            return true
        }
        while end &- block >= 64 {
            let masks = tally_csv_masks(p + block)
            var inside = masks.quotes
            inside ^= inside << 1; inside ^= inside << 2; inside ^= inside << 4
            inside ^= inside << 8; inside ^= inside << 16; inside ^= inside << 32
            inside ^= carry
            let lineFeeds = masks.line_feeds & ~inside
            let stop = lineFeeds.trailingZeroBitCount
            let before: UInt64 = stop == 64 ? ~0 : (1 << UInt64(stop)) &- 1
            if (masks.carriage_returns | masks.line_feeds & inside) & before != 0 { return nil }
            quotesSeen &+= (masks.quotes & before).nonzeroBitCount
            var commas = masks.commas & ~inside & before
            while commas != 0 {
                if !cut(block &+ commas.trailingZeroBitCount) { return nil }
                commas &= commas &- 1
            }
            if stop < 64 {
                let lineEnd = block &+ stop
                if lineEnd == pos || !cut(lineEnd) || quotesSeen != quotesCut { return nil }
                return (lineEnd &+ 1, field)
            }
            carry = UInt64(bitPattern: Int64(bitPattern: inside) >> 63)
            block &+= 64
        }
        return nil
    }

    /// Finds the fields of the record starting at `pos`, or says that more bytes are needed.
    private mutating func scan(from pos: Int) -> Scan {
        let p = source.base
        let end = source.end
        let eof = source.atEOF
        let comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, quote: UInt8 = 0x22
        if pos == end { return eof ? .endOfFile : .incomplete }
        if p[pos] == lf { return .blank(next: pos + 1) }
        if p[pos] == cr {
            if pos + 1 == end { return eof ? .blank(next: end) : .incomplete }
            if p[pos + 1] == lf { return .blank(next: pos + 2) }
        }
        var field = 0
        var newlines = 0
        var i = pos
        // Bit k of `mask` is set when byte `maskBase + k` ends an unquoted field.
        var maskBase = pos &- 64
        var mask: UInt64 = 0
        while true {
            if i < end && p[i] == quote {
                // Quoted field: runs to the next quote not followed by another quote.
                var j = i + 1
                var escaped = false
                while true {
                    guard j < end else {
                        if !eof { return .incomplete }
                        addField(field, i + 1, end, false)
                        return .unterminatedQuote(field: field)
                    }
                    let c = p[j]
                    if c == quote {
                        if j + 1 == end && !eof { return .incomplete }
                        if j + 1 < end && p[j + 1] == quote {
                            escaped = true
                            j += 2
                            continue
                        }
                        break
                    }
                    if c == lf { newlines += 1 }
                    j += 1
                }
                addField(field, i + 1, j, escaped)
                field += 1
                let k = j + 1
                if k == end { return .record(next: end, fields: field, newlines: newlines) }  // eof here
                let c = p[k]
                if c == comma { i = k + 1; continue }
                if c == lf { return .record(next: k + 1, fields: field, newlines: newlines) }
                if c == cr {
                    if k + 1 == end { return eof ? .record(next: end, fields: field, newlines: newlines) : .incomplete }
                    if p[k + 1] == lf { return .record(next: k + 2, fields: field, newlines: newlines) }
                }
                // Resynchronise at the next line end.
                var r = k
                while r < end && p[r] != lf { r += 1 }
                if r == end { return eof ? .malformedQuote(next: end, field: field - 1, newlines: newlines) : .incomplete }
                return .malformedQuote(next: r + 1, field: field - 1, newlines: newlines)
            }
            // Unquoted field: runs to a comma or a line end. The next comma, LF or CR is
            // found through a mask of 64 bytes at a time (`tally_csv_field_end_mask`,
            // SSE2), kept for the following fields of the record; the byte loop below
            // then decides what that byte means. Near the end of the buffer, bytes are
            // read one at a time.
            var j = i
            while true {
                let offset = j &- maskBase
                if offset >= 64 {
                    guard end &- j >= 64 else { break }
                    maskBase = j
                    mask = tally_csv_field_end_mask(p + j)
                    continue
                }
                let m = mask >> UInt64(truncatingIfNeeded: offset)
                if m != 0 {
                    j &+= m.trailingZeroBitCount
                    break
                }
                j = maskBase &+ 64
            }
            while j < end {
                let c = p[j]
                if c <= comma {
                    if c == comma || c == lf { break }
                    if c == cr {
                        if j + 1 == end { if !eof { return .incomplete }; break }
                        if p[j + 1] == lf { break }
                    }
                }
                j += 1
            }
            if j == end {
                if !eof { return .incomplete }
                addField(field, i, j, false)
                return .record(next: end, fields: field + 1, newlines: newlines)
            }
            let c = p[j]
            addField(field, i, j, false)
            field += 1
            if c == comma { i = j + 1; continue }
            if c == lf { return .record(next: j + 1, fields: field, newlines: newlines) }
            // CRLF, or a CR at the very end of the file.
            return .record(next: j + 1 == end ? end : j + 2, fields: field, newlines: newlines)
        }
    }
}
