import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Writes usage records as CSV (RFC 4180), the format `CSVRecordReader` reads.
///
/// The header names every schema column in schema order (`RecordColumn.allCases`).
/// `ts` is milliseconds since the epoch and `date` its UTC day; `cost_usd` has exactly 9
/// fractional digits; `quantity` is the shortest text that reads back as the same
/// Double; nulls are empty fields; fields are quoted only when they must be. Lines end
/// in LF. A text column holding an empty string is written as an empty field, which
/// reads back as null.
package struct CSVRecordWriter: ~Copyable {
    private var output: RecordOutputBuffer

    /// Writes to `fileDescriptor` (e.g. 1 for standard output) through a buffer of
    /// `bufferSize` bytes, with one write through `fileSystem` per buffer; `name` (the
    /// path) is what errors and fault rules see. Call `flush()` at the end to see write errors.
    package init(fileDescriptor: Int32, name: String = "<stdout>", bufferSize: Int = 1 << 20, fileSystem: FileSystem = FileSystem()) {
        output = RecordOutputBuffer(fd: fileDescriptor, name: name, bufferSize: bufferSize, fileSystem: fileSystem)
        writeHeader()
    }

    /// Collects the output in memory; take it with `takeBytes()`.
    package init() {
        output = RecordOutputBuffer()
        writeHeader()
    }

    private mutating func writeHeader() {
        output.bytes.append(contentsOf: RecordColumn.names.joined(separator: ",").utf8)
        output.bytes.append(0x0A)
    }

    /// Appends one record.
    package mutating func write(_ r: UsageRecord) throws(RecordExportError) {
        func text(_ s: String?, _ out: inout [UInt8]) {
            if let s { RecordFormatter.appendCSV(s, to: &out) }
            out.append(0x2C)
        }
        let comma: UInt8 = 0x2C
        RecordFormatter.appendCSV(r.projectId, to: &output.bytes); output.bytes.append(comma)
        RecordFormatter.appendInt(r.ts, to: &output.bytes); output.bytes.append(comma)
        RecordFormatter.appendDate(ofMilliseconds: r.ts, to: &output.bytes); output.bytes.append(comma)
        text(r.service, &output.bytes)
        text(r.unit, &output.bytes)
        RecordFormatter.appendQuantity(r.quantity, to: &output.bytes); output.bytes.append(comma)
        if let c = r.costNanos { RecordFormatter.appendCost(c, to: &output.bytes) }
        output.bytes.append(comma)
        text(r.runId, &output.bytes)
        text(r.sandboxId, &output.bytes)
        text(r.chainId, &output.bytes)
        text(r.issueSessionId, &output.bytes)
        text(r.toolId, &output.bytes)
        text(r.modelId, &output.bytes)
        text(r.stepType, &output.bytes)
        if let v = r.stepIndex { RecordFormatter.appendInt(Int64(v), to: &output.bytes) }
        output.bytes.append(comma)
        text(r.userId, &output.bytes)
        text(r.personaId, &output.bytes)
        if let v = r.durationMs { RecordFormatter.appendInt(v, to: &output.bytes) }
        output.bytes.append(comma)
        text(r.captureSource, &output.bytes)
        if let v = r.parserVersion { RecordFormatter.appendInt(Int64(v), to: &output.bytes) }
        output.bytes.append(comma)
        if let s = r.requestId { RecordFormatter.appendCSV(s, to: &output.bytes) }
        output.bytes.append(0x0A)
        try output.flushIfFull()
    }

    /// Appends records in order.
    package mutating func write(contentsOf records: some Sequence<UsageRecord>) throws(RecordExportError) {
        for r in records { try write(r) }
    }

    /// Bytes written to the file descriptor so far (all of them after `flush()`).
    package var bytesWritten: Int64 { output.bytesWritten }

    /// Writes everything buffered to the file descriptor (nothing for a memory writer).
    package mutating func flush() throws(RecordExportError) {
        try output.flush()
    }

    /// The bytes collected so far by a memory writer (the header first), and clears them.
    package mutating func takeBytes() -> [UInt8] {
        output.take()
    }
}
