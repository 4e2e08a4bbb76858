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

/// Reads usage records from JSON Lines, streaming, in constant memory.
///
/// Each non-blank line is one JSON object whose keys are schema column names
/// (`RecordColumn`); a key may be left out or be `null`. Values are JSON strings or
/// numbers: a number in a text column is kept as its text, and numbers in strings
/// (`"ts": "1790000000000"`, `"cost_usd": "0.25"`) are read like bare numbers.
/// `cost_usd` is read from the number's text, never through a Double, so
/// `0.138028950` is exactly 138028950 nano-USD. An empty string is null, as an empty
/// CSV field is. Text is stored exactly as given; only invalid UTF-8, NUL (`\u0000`) and
/// unpaired surrogates are rejected. Booleans, arrays and nested objects are errors;
/// unknown keys are errors unless `RecordImportOptions.ignoreUnknownColumns` is set
/// (then their values may be anything JSON, checked only for balanced brackets). Lines
/// may end in LF or CRLF; a UTF-8 byte order mark is skipped.
package struct JSONLRecordReader: ~Copyable {
    /// The name used in error messages.
    package let fileName: String
    /// The 1-based line number of the next line to read.
    package private(set) var lineNumber = 1

    private var source: RecordByteSource
    private var assembler: RecordAssembler
    private var log: RecordErrorLog
    private let options: RecordImportOptions
    private var finished = false
    private var checkedBOM = false
    /// The column seen at each key position of the previous line; most files repeat the order.
    private var keyOrder: [RecordColumn?] = []
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// Opens the file at `path` (through `fileSystem`, one read per block).
    package init(path: String, options: RecordImportOptions = .init(), fileSystem: FileSystem = FileSystem()) throws(RecordImportError) {
        let fd = try RecordByteSource.open(path: path, fileSystem: fileSystem)
        self.init(source: RecordByteSource(fd: fd, fileSystem: fileSystem, closeOnDeinit: true, initialBytes: [], name: path, options: options),
                  options: options)
    }

    /// Reads from an open file descriptor (e.g. 0 for standard input), through `fileSystem`.
    ///
    /// `initialBytes` were already read from it (e.g. to sniff the format) and are parsed
    /// first. The descriptor is closed with the reader only if `closeWhenDone` is set.
    package init(fileDescriptor: Int32, name: String = "<stdin>", initialBytes: [UInt8] = [],
                closeWhenDone: Bool = false, options: RecordImportOptions = .init(), fileSystem: FileSystem = FileSystem()) {
        self.init(source: RecordByteSource(fd: fileDescriptor, fileSystem: fileSystem, closeOnDeinit: closeWhenDone,
                                           initialBytes: initialBytes, name: name, options: options),
                  options: options)
    }

    /// Reads JSONL held in memory, in blocks of `options.blockSize` as if from a file.
    package init(bytes: [UInt8], name: String, options: RecordImportOptions = .init()) {
        self.init(source: RecordByteSource(bytes: bytes, name: name, options: options), options: options)
    }

    private init(source: consuming RecordByteSource, options: RecordImportOptions) {
        self.fileName = source.name
        self.source = source
        self.options = options
        self.assembler = RecordAssembler(file: fileName, onlyStorableTimes: options.onlyStorableTimes)
        self.log = RecordErrorLog(limit: options.maxCollectedErrors)
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    /// Bytes read from the file so far, for progress display.
    package var bytesRead: Int64 { source.bytesRead }

    /// The input's `FileIdentity`, once every byte of it has been read (nil before):
    /// hashed as it was read, so an importer need not read the file a second time.
    package var contentIdentity: String? { source.atEOF ? FileIdentity.identity(source.contentHash) : nil }

    /// In `skipBadLines` mode, the first `maxCollectedErrors` lines that were skipped.
    package var skippedErrors: [RecordImportError] { log.errors }

    /// In `skipBadLines` mode, how many lines were skipped in all.
    package var skippedCount: Int { log.count }

    /// Appends up to `maxCount` (> 0) records to `records`; returns how many, 0 at end of file.
    ///
    /// Throws the first bad line unless `skipBadLines` is set; reading may go on after a
    /// throw, from the next line.
    package mutating func nextBatch(into records: inout [UsageRecord], maxCount: Int) throws(RecordImportError) -> Int {
        var produced = 0
        while produced < maxCount && !finished {
            let start = source.start
            let end = source.end
            if !checkedBOM {
                if end - start < 3 && !source.atEOF {
                    _ = try source.fill(recordLine: lineNumber)
                    continue
                }
                checkedBOM = true
                if end - start >= 3, source.base[start] == 0xEF, source.base[start + 1] == 0xBB, source.base[start + 2] == 0xBF {
                    source.start += 3
                    continue
                }
            }
            let found = start < end ? memchr(source.base + start, 0x0A, end - start) : nil
            var lineEnd: Int
            var next: Int
            if let found {
                lineEnd = UnsafeMutableRawPointer(source.base).distance(to: found)
                next = lineEnd + 1
            } else if !source.atEOF {
                do throws(RecordImportError) {
                    _ = try source.fill(recordLine: lineNumber)
                } catch {
                    // A line too long to hold is skipped like any bad line (see the CSV reader).
                    guard case .recordTooLong = error.kind, options.skipBadLines else { throw error }
                    log.add(error)
                    if try source.skipLine() { lineNumber += 1 } else { finished = true }
                }
                continue
            } else if start == end {
                finished = true
                break
            } else {
                lineEnd = end
                next = end
            }
            if lineEnd > start && source.base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = lineNumber
            source.start = next
            lineNumber += 1
            let bytes = UnsafeBufferPointer(start: source.base + start, count: lineEnd - start)
            do throws(RecordImportError) {
                if try parse(bytes, line: line, into: &records) { produced += 1 }
            } catch {
                guard options.skipBadLines else { throw error }
                log.add(error)
            }
        }
        return produced
    }

    // MARK: Parsing one line

    private func invalid(_ line: Int, _ at: Int, _ what: String, column: String? = nil) -> RecordImportError {
        RecordImportError(file: fileName, line: line, column: column, kind: .invalidJSON,
                          message: "is not a valid JSON object: \(what) at byte \(at + 1) of the line; each line must be one JSON object of strings, numbers and nulls")
    }

    @inline(__always)
    private static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
    }

    /// Appends the record of one line; `false` for a blank line.
    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, line: Int, into records: inout [UsageRecord]) throws(RecordImportError) -> Bool {
        var i = 0
        Self.skipSpace(b, &i)
        if i == b.count { return false }
        guard b[i] == UInt8(ascii: "{") else { throw invalid(line, i, "expected '{'") }
        i += 1
        assembler.reset()
        var seen: UInt32 = 0
        var position = 0
        Self.skipSpace(b, &i)
        if i < b.count && b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                Self.skipSpace(b, &i)
                guard i < b.count, b[i] == 0x22 else { throw invalid(line, i, "expected a key in quotes") }
                let key = try string(b, &i, line: line)
                let column = try lookup(key, position: position, line: line)
                position += 1
                if let column {
                    let bit = UInt32(1) << UInt32(column.rawValue)
                    guard seen & bit == 0 else {
                        throw RecordImportError(file: fileName, line: line, column: column.name, kind: .duplicateColumn,
                                                message: "appears twice in the object; keep one")
                    }
                    seen |= bit
                }
                Self.skipSpace(b, &i)
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw invalid(line, i, "expected ':'") }
                i += 1
                Self.skipSpace(b, &i)
                guard i < b.count else { throw invalid(line, i, "expected a value") }
                let c = b[i]
                if c == 0x22 {
                    let value = try string(b, &i, line: line)
                    if let column { try assembler.set(column, value, line: line) }
                } else if c == UInt8(ascii: "-") || c &- 48 < 10 {
                    let s = i
                    while i < b.count, b[i] &- 48 < 10 || b[i] == 0x2B || b[i] == 0x2D || b[i] == 0x2E || b[i] == 0x45 || b[i] == 0x65 {
                        i += 1
                    }
                    if let column { try assembler.set(column, UnsafeBufferPointer(rebasing: b[s..<i]), line: line) }
                } else if c == UInt8(ascii: "n"), i + 4 <= b.count, b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"), b[i + 3] == UInt8(ascii: "l") {
                    i += 4
                } else if column == nil, let after = Self.skipIgnoredValue(b, i) {
                    i = after
                } else {
                    let what = c == UInt8(ascii: "t") || c == UInt8(ascii: "f") ? "a boolean" : c == UInt8(ascii: "{") ? "an object" : c == UInt8(ascii: "[") ? "an array" : "not a JSON value"
                    throw RecordImportError(file: fileName, line: line, column: column?.name ?? String(decoding: key, as: UTF8.self),
                                            kind: .invalidJSON, message: "is \(what); values must be strings, numbers or null")
                }
                Self.skipSpace(b, &i)
                guard i < b.count else { throw invalid(line, i, "expected ',' or '}'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                guard b[i] == UInt8(ascii: "}") else { throw invalid(line, i, "expected ',' or '}'") }
                i += 1
                break
            }
        }
        Self.skipSpace(b, &i)
        guard i == b.count else { throw invalid(line, i, "unexpected text after the object") }
        try assembler.finish(line: line, into: &records)
        return true
    }

    /// The column a key names; uses the previous line's key order as a first guess.
    @inline(__always)
    private mutating func lookup(_ key: UnsafeBufferPointer<UInt8>, position: Int, line: Int) throws(RecordImportError) -> RecordColumn? {
        if position < keyOrder.count, let guess = keyOrder[position], Self.equal(key, RecordColumn.nameBytes[guess.rawValue]) {
            return guess
        }
        var found: RecordColumn?
        for column in RecordColumn.allCases where Self.equal(key, RecordColumn.nameBytes[column.rawValue]) {
            found = column
            break
        }
        if found == nil && !options.ignoreUnknownColumns {
            let name = String(decoding: key, as: UTF8.self)
            throw RecordImportError(
                file: fileName, line: line, column: name, kind: .unknownColumn,
                message: "is not a column of the usage schema; known columns are \(RecordColumn.names.joined(separator: ", ")) (rename it to one of them, or remove it from the file)")
        }
        while keyOrder.count <= position { keyOrder.append(nil) }
        keyOrder[position] = found
        return found
    }

    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }

    /// Reads the string starting at the quote `b[i]`; leaves `i` after the closing quote.
    /// Without escapes the result points into the line; with escapes into `scratch`.
    private mutating func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, line: Int) throws(RecordImportError) -> UnsafeBufferPointer<UInt8> {
        let s = i + 1
        var j = s
        while j < b.count, b[j] != 0x22, b[j] != 0x5C { j += 1 }
        guard j < b.count else { throw invalid(line, j, "unterminated string") }
        if b[j] == 0x22 {
            i = j + 1
            return UnsafeBufferPointer(rebasing: b[s..<j])
        }
        // Escapes: decode into scratch (never longer than the source).
        if scratchCapacity < b.count {
            scratch.deallocate()
            scratchCapacity = b.count
            scratch = .allocate(capacity: scratchCapacity)
        }
        var n = 0
        for k in s..<j { scratch[n] = b[k]; n += 1 }
        while true {
            guard j < b.count else { throw invalid(line, j, "unterminated string") }
            let c = b[j]
            if c == 0x22 { break }
            if c != 0x5C {
                scratch[n] = c; n += 1; j += 1
                continue
            }
            guard j + 1 < b.count else { throw invalid(line, j, "unterminated string") }
            let e = b[j + 1]
            j += 2
            switch e {
            case 0x22, 0x5C, 0x2F: scratch[n] = e; n += 1
            case UInt8(ascii: "b"): scratch[n] = 0x08; n += 1
            case UInt8(ascii: "f"): scratch[n] = 0x0C; n += 1
            case UInt8(ascii: "n"): scratch[n] = 0x0A; n += 1
            case UInt8(ascii: "r"): scratch[n] = 0x0D; n += 1
            case UInt8(ascii: "t"): scratch[n] = 0x09; n += 1
            case UInt8(ascii: "u"):
                guard var scalar = Self.hex4(b, j) else { throw invalid(line, j, "bad \\u escape") }
                j += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard j + 6 <= b.count, b[j] == 0x5C, b[j + 1] == UInt8(ascii: "u"),
                          let low = Self.hex4(b, j + 2), low >= 0xDC00 && low < 0xE000
                    else { throw invalid(line, j, "unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    j += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw invalid(line, j, "unpaired surrogate in \\u escape")
                }
                for unit in UTF8.encode(Unicode.Scalar(scalar)!)! { scratch[n] = unit; n += 1 }
            default:
                throw invalid(line, j - 1, "unknown escape")
            }
        }
        i = j + 1
        return UnsafeBufferPointer(start: scratch, count: n)
    }

    /// The end of a boolean, array or object value of an ignored key, or `nil` if malformed.
    private static func skipIgnoredValue(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        for word in ["true", "false"] where b[start] == word.utf8.first! {
            let w = Array(word.utf8)
            guard start + w.count <= b.count, (0..<w.count).allSatisfy({ b[start + $0] == w[$0] }) else { return nil }
            return start + w.count
        }
        guard b[start] == UInt8(ascii: "{") || b[start] == UInt8(ascii: "[") else { return nil }
        var depth = 0
        var i = start
        var inString = false
        while i < b.count {
            let c = b[i]
            if inString {
                if c == 0x5C { i += 1 } else if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return nil
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt8
            switch c {
            case 48...57: d = c - 48
            case 65...70: d = c - 55
            case 97...102: d = c - 87
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
