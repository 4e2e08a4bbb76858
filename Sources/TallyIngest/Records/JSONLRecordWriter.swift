import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Writes usage records as JSON Lines, the format `JSONLRecordReader` reads.
///
/// One object per record with every schema column as a key, in schema order; nulls are
/// `null`. `ts` is a number of milliseconds and `date` its UTC day (`null` for years
/// outside 0000...9999); `cost_usd` is a JSON number with exactly 9 fractional digits
/// (read it as text, not as a Double, to keep it exact); `quantity` is the shortest
/// number that reads back as the same Double, integers without `.0`.
package struct JSONLRecordWriter: ~Copyable {
    private var output: RecordOutputBuffer

    /// Writes to `fileDescriptor` (e.g. 1 for standard output) through a buffer of
    /// `bufferSize` bytes, with one write through `fileSystem` per buffer; `name` (the
    /// path) is what errors and fault rules see. Call `flush()` at the end to see write errors.
    package init(fileDescriptor: Int32, name: String = "<stdout>", bufferSize: Int = 1 << 20, fileSystem: FileSystem = FileSystem()) {
        output = RecordOutputBuffer(fd: fileDescriptor, name: name, bufferSize: bufferSize, fileSystem: fileSystem)
    }

    /// Collects the output in memory; take it with `takeBytes()`.
    package init() {
        output = RecordOutputBuffer()
    }

    static let keys: [[UInt8]] = RecordColumn.names.enumerated().map { i, name in
        Array(((i == 0 ? "{\"" : ",\"") + name + "\":").utf8)
    }

    /// Appends one record as one line.
    package mutating func write(_ r: UsageRecord) throws(RecordExportError) {
        func key(_ c: RecordColumn, _ out: inout [UInt8]) { out.append(contentsOf: Self.keys[c.rawValue]) }
        func null(_ out: inout [UInt8]) { out.append(contentsOf: [110, 117, 108, 108]) }
        func text(_ c: RecordColumn, _ s: String?, _ out: inout [UInt8]) {
            key(c, &out)
            if let s { RecordFormatter.appendJSON(s, to: &out) } else { null(&out) }
        }
        func int(_ c: RecordColumn, _ v: Int64?, _ out: inout [UInt8]) {
            key(c, &out)
            if let v { RecordFormatter.appendInt(v, to: &out) } else { null(&out) }
        }
        text(.projectId, r.projectId, &output.bytes)
        int(.ts, r.ts, &output.bytes)
        key(.date, &output.bytes)
        output.bytes.append(0x22)
        if RecordFormatter.appendDate(ofMilliseconds: r.ts, to: &output.bytes) {
            output.bytes.append(0x22)
        } else {
            output.bytes.removeLast()
            null(&output.bytes)
        }
        text(.service, r.service, &output.bytes)
        text(.unit, r.unit, &output.bytes)
        key(.quantity, &output.bytes)
        RecordFormatter.appendQuantity(r.quantity, to: &output.bytes)
        key(.costUsd, &output.bytes)
        if let c = r.costNanos { RecordFormatter.appendCost(c, to: &output.bytes) } else { null(&output.bytes) }
        text(.runId, r.runId, &output.bytes)
        text(.sandboxId, r.sandboxId, &output.bytes)
        text(.chainId, r.chainId, &output.bytes)
        text(.issueSessionId, r.issueSessionId, &output.bytes)
        text(.toolId, r.toolId, &output.bytes)
        text(.modelId, r.modelId, &output.bytes)
        text(.stepType, r.stepType, &output.bytes)
        int(.stepIndex, r.stepIndex.map(Int64.init), &output.bytes)
        text(.userId, r.userId, &output.bytes)
        text(.personaId, r.personaId, &output.bytes)
        int(.durationMs, r.durationMs, &output.bytes)
        text(.captureSource, r.captureSource, &output.bytes)
        int(.parserVersion, r.parserVersion.map(Int64.init), &output.bytes)
        // Only when present: lines of rows without one stay as they were before the column.
        if let id = r.requestId { text(.requestId, id, &output.bytes) }
        output.bytes.append(UInt8(ascii: "}"))
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

    /// The bytes collected so far by a memory writer, and clears them.
    package mutating func takeBytes() -> [UInt8] {
        output.take()
    }
}
