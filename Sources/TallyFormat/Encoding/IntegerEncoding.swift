import CTallyKernels
import TallySystem

/// Lightweight encodings for a sequence of 64-bit integers, chosen per chunk by size.
///
/// Layout of an encoded sequence (all varints LEB128, signed ones zigzag):
///
/// | tag | name      | body                                                          |
/// |-----|-----------|---------------------------------------------------------------|
/// | 0   | constant  | value                                                         |
/// | 1   | packed    | base, width (1 byte), ceil(n*width/64) LE words of v-base     |
/// | 2   | delta     | first value, then the n-1 deltas as a nested sequence         |
/// | 3   | runs      | run count r, run values (nested), run lengths - 1 (nested)    |
/// | 4   | patched   | base, width, packed v-base (exceptions packed as 0),          |
/// |     |           | exception count e, positions (nested), v-base (nested)        |
/// | 5   | sparse    | nonzero count m, ceil(n/64) LE words of a bitmap of the       |
/// |     |           | nonzero positions, the m nonzero values (nested)              |
/// | 6   | varints   | byte length, then per value the zigzag varint of its          |
/// |     |           | difference from the one before (the first from 0)             |
/// | 7   | varint    | run count r, byte length, then the r run values and the r     |
/// |     | runs      | run lengths - 1, each as a zigzag varint                      |
///
/// The count n is not stored: the caller knows it (it is the chunk's row count).
/// Frame-of-reference packing covers low-cardinality codes and small numbers; delta
/// covers timestamps; runs cover columns that repeat within a run or a step. Patched
/// packing (PFOR) keeps a few outliers (a cache read of a million tokens among inputs of
/// a hundred; the jump between two runs in a delta sequence) from widening every value.
/// Sparse sequences cover mostly-zero deltas: the rows of one model call share their
/// timestamp, so about three quarters of a part's time deltas are 0, and the rest (the
/// gaps between calls, tens of seconds) need 15-17 bits. Packing every delta at that
/// width spent 12 bits a row; a bitmap plus the nonzero deltas spends about 5.
///
/// Varints (tags 6 and 7) are never chosen by `encode`: they are the byte-aligned forms
/// that Zstandard's entropy coder compresses well (see `encodeVarintDeltas`), and the
/// part writer compares them, compressed, with the compressed output of `encode`
/// (`Form`).
package enum IntegerEncoding {
    /// Writes `runs` runs (value, length minus one) as `count` values at `out`, checking
    /// that the lengths cover exactly `count` values (they come from a file).
    @inline(__always)
    static func expandRuns(
        values: UnsafePointer<Int64>, lengths: UnsafePointer<Int64>, runs: Int, count: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(FormatError) {
        var o = 0
        for r in 0..<runs {
            let len = Int(truncatingIfNeeded: lengths[r]) &+ 1
            guard len > 0, len <= count - o else { throw .malformed("run lengths exceed \(count) values") }
            (out + o).update(repeating: values[r], count: len)
            o += len
        }
        guard o == count else { throw .malformed("runs cover \(o) of \(count) values") }
    }

    /// Writes the runs of equal values of `p[0..<n]` (n > 0): each run's value, and its
    /// length minus one (so a run of one is 0). Runs are found where values change, each
    /// written when the next begins; `values` and `lengths` hold one slot per run.
    @inline(__always)
    static func splitRuns(_ p: UnsafePointer<Int64>, count n: Int, values: UnsafeMutablePointer<Int64>, lengths: UnsafeMutablePointer<Int64>) {
        var r = 0, start = 0
        for i in 1..<n where p[i] != p[i &- 1] {
            values[r] = p[start]
            lengths[r] = Int64(i &- start &- 1)
            r &+= 1
            start = i
        }
        values[r] = p[start]
        lengths[r] = Int64(n &- start &- 1)
    }

    static let constantTag: UInt8 = 0
    static let packedTag: UInt8 = 1
    static let deltaTag: UInt8 = 2
    static let runsTag: UInt8 = 3
    static let patchedTag: UInt8 = 4
    static let sparseTag: UInt8 = 5
    static let varintsTag: UInt8 = 6
    static let varintRunsTag: UInt8 = 7

    /// The forms a writer can ask for: `encode`'s choice of the lightweight encodings,
    /// or one of the varint forms.
    package enum Form: CaseIterable, Sendable {
        case lightweight, varintDeltas, varintRuns
    }

    /// The fewest bytes `form` can take for `count` values holding `runs` runs of equal
    /// values: a varint is at least a byte, and the deltas form writes one per value, the
    /// runs form two per run (after a tag and one or two counts). Lets a writer skip a
    /// form it would drop for being much larger than another without making it.
    package static func minimumSize(of form: Form, count: Int, runs: Int) -> Int {
        switch form {
        case .lightweight: return 1
        case .varintDeltas: return 2 + count
        case .varintRuns: return 3 + 2 * runs
        }
    }

    /// Runs of equal consecutive values in `values` (0 when empty).
    package static func runCount(_ values: UnsafeBufferPointer<Int64>) -> Int {
        guard let p = values.baseAddress, !values.isEmpty else { return 0 }
        var lo: Int64 = 0, hi: Int64 = 0
        return tally_int64_range_and_runs(p, values.count, &lo, &hi)
    }

    /// Encodes `values` in `form`.
    package static func encode(_ values: UnsafeBufferPointer<Int64>, form: Form, into out: inout ByteWriter) {
        switch form {
        case .lightweight: encode(values, into: &out)
        case .varintDeltas: encodeVarintDeltas(values, into: &out)
        case .varintRuns: encodeVarintRuns(values, into: &out)
        }
    }

    /// Encodes an array in `form`.
    package static func encode(_ values: [Int64], form: Form, into out: inout ByteWriter) {
        values.withUnsafeBufferPointer { encode($0, form: form, into: &out) }
    }

    /// Encodes `values` as runs of equal values, in varints (tag 7): the byte-aligned
    /// form of code and duration columns, which repeat within a call or a step and
    /// otherwise jump between unrelated values, so that the values themselves (not
    /// their differences, twice as wide) are what Zstandard sees. With no runs it is
    /// plain varints plus a zero byte a value, which compresses to nearly nothing.
    package static func encodeVarintRuns(_ values: UnsafeBufferPointer<Int64>, into out: inout ByteWriter) {
        out.write(varintRunsTag)
        let n = values.count
        guard n > 0 else { out.writeVarUInt(0); out.writeVarUInt(0); return }
        let p = values.baseAddress!
        var runs = 1
        for i in 1..<n where p[i] != p[i &- 1] { runs &+= 1 }
        out.writeVarUInt(UInt64(runs))
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: runs * 2) { scratch in
            let runValues = scratch.baseAddress!, runLengths = runValues + runs
            splitRuns(p, count: n, values: runValues, lengths: runLengths)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: runs * 20) { buf in
                let length = tally_varint_deltas_encode(runValues, runs * 2, buf.baseAddress!, 0)
                out.writeVarUInt(UInt64(length))
                out.write(contentsOf: UnsafeBufferPointer(rebasing: buf[0..<length]))
            }
        }
    }

    /// Encodes `values` as zigzag varints of their differences (tag 6).
    ///
    /// Bit packing needs one width for a whole chunk (or per exception), and timestamps
    /// sorted by (day, run, time of day) mix many tiny differences, a few gaps between
    /// calls and backward jumps at each run's start. Byte-aligned varints of the
    /// differences repeat byte patterns that Zstandard's entropy coding stores near
    /// their entropy (per_step, 1M rows: ts 3.58 -> about 1.2 bytes a row).
    package static func encodeVarintDeltas(_ values: UnsafeBufferPointer<Int64>, into out: inout ByteWriter) {
        out.write(varintsTag)
        let n = values.count
        guard n > 0 else { out.writeVarUInt(0); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n * 10) { buf in
            let length = tally_varint_deltas_encode(values.baseAddress!, n, buf.baseAddress!, 1)
            out.writeVarUInt(UInt64(length))
            out.write(contentsOf: UnsafeBufferPointer(rebasing: buf[0..<length]))
        }
    }

    /// Encodes an array as varints (tag 6).
    package static func encodeVarintDeltas(_ values: [Int64], into out: inout ByteWriter) {
        values.withUnsafeBufferPointer { encodeVarintDeltas($0, into: &out) }
    }

    /// Encodes `values` with the smallest of the encodings above.
    package static func encode(_ values: UnsafeBufferPointer<Int64>, into out: inout ByteWriter, depth: Int = 0) {
        let n = values.count
        guard n > 0 else { out.write(constantTag); out.writeVarInt(0); return }
        let p = values.baseAddress!
        // Each statistic is gathered only where an encoding can use it: code columns
        // (the most common chunks) need their range and runs, and only those whose
        // range holds 0, and whose runs or width leave room for a sparse encoding to
        // win, need their zeros counted. One pass computing all six statistics took
        // about half of a flush's integer encoding time. The range and runs come from
        // a vector loop in C (see CTallySequenceStats): Swift's took eleven
        // instructions a value.
        var minV: Int64 = 0, maxV: Int64 = 0
        let runs = tally_int64_range_and_runs(p, n, &minV, &maxV)
        if minV == maxV {
            out.write(constantTag)
            out.writeVarInt(minV)
            return
        }
        let packedWidth = BitPacking.width(of: UInt64(bitPattern: maxV &- minV))
        let packedBits = n * packedWidth
        // Delta is only ever chosen from an encoded body, made (below) for 64 values or
        // more of which a quarter repeat the one before; it cannot win by much on
        // values 4 bits wide or less.
        var deltaBits = Int.max
        if depth < 2 && n >= 64 && packedWidth > 4 && (n - runs) * 4 >= n {
            // Deltas wrap: the decoder's running sum wraps the same way, so a wrapped
            // delta still restores the value exactly (and is simply too wide to be chosen).
            var dMin = Int64.max, dMax = Int64.min
            for i in 1..<n {
                let d = p[i] &- p[i &- 1]
                dMin = Swift.min(dMin, d)
                dMax = Swift.max(dMax, d)
            }
            deltaBits = (n - 1) * BitPacking.width(of: UInt64(bitPattern: dMax &- dMin)) + 64
        }
        var runBits = Int.max
        if depth < 2 && runs * 4 <= n {
            runBits = runs * (packedWidth + BitPacking.width(of: UInt64(n))) + 64
        }
        // A sparse sequence spends at least a bit per value on its bitmap.
        var zeros = 0
        if depth < 2 && n >= 64 && minV <= 0 && maxV >= 0 && min(packedBits, runBits) > n + 80 {
            for i in 0..<n { zeros &+= p[i] == 0 ? 1 : 0 }
        }
        // Patched packing: the base and width that minimise packed bits plus exceptions.
        // Besides the minimum, the smallest non-negative value is tried as the base: the
        // deltas of a sequence sorted by another key first (time within a run) are small
        // and positive except for a few large negative resets (the next run starts
        // earlier), and with the minimum as base every small delta would be as wide as a
        // reset. Values below the base wrap to huge offsets and become exceptions.
        var patchedWidth = packedWidth
        var patchedBase = minV
        var patchedBits = Int.max
        if depth < 2 && packedWidth > 8 && n >= 64 {
            var bases = [(base: minV, below: 0)]
            if minV < 0 {
                var minNonNegative = Int64.max, negatives = 0
                for v in values {
                    if v < 0 { negatives &+= 1 } else { minNonNegative = Swift.min(minNonNegative, v) }
                }
                if negatives * 4 <= n && minNonNegative != .max { bases.append((minNonNegative, negatives)) }
            }
            let exceptionBits = BitPacking.width(of: UInt64(n)) + packedWidth + 8
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 65) { histogram in
                for (base, below) in bases {
                    histogram.initialize(repeating: 0)
                    for v in values where v >= base { histogram[BitPacking.width(of: UInt64(bitPattern: v &- base))] &+= 1 }
                    var above = below
                    for w in stride(from: BitPacking.width(of: UInt64(bitPattern: maxV &- base)), through: 0, by: -1) {
                        let bits = n * w + above * exceptionBits + 64
                        if bits < patchedBits { patchedBits = bits; patchedWidth = w; patchedBase = base }
                        above += histogram[w]
                        if above * 4 > n { break }
                    }
                }
            }
        }
        // Delta: the width of the deltas' range overestimates sequences whose deltas are
        // mostly zero (what a sparse encoding of the deltas is for; with a few resets,
        // patched packing), so when a quarter or more of the deltas are zero and delta
        // could plausibly win, the deltas are encoded for real and measured; the bytes
        // are kept for when it does. (Trying every sequence made flushes 30% slower, and
        // measured, the others almost never won.)
        var deltaBody: ByteWriter? = nil
        if deltaBits != .max && deltaBits / 4 < min(packedBits, runBits, patchedBits) {
            var body = ByteWriter(capacity: n + 16)
            body.writeVarInt(values[0])
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: n - 1) { deltas in
                for i in 1..<n { deltas[i &- 1] = p[i] &- p[i &- 1] }
                encode(UnsafeBufferPointer(deltas), into: &body, depth: depth + 1)
            }
            deltaBits = body.count * 8
            deltaBody = body
        }
        // Sparse: the nonzero values are encoded for real (at the same depth: they hold
        // no zeros, so they cannot be sparse again), because no cheap estimate of their
        // size is close enough to weigh against the other encodings.
        if depth < 2 && n >= 64 && zeros * 4 >= n {
            var nested = ByteWriter(capacity: (n - zeros) * 2 + 16)
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: n - zeros) { nonzero in
                var k = 0
                for i in 0..<n where p[i] != 0 { nonzero[k] = p[i]; k &+= 1 }
                encode(UnsafeBufferPointer(nonzero), into: &nested, depth: depth)
            }
            let sparseBits = (nested.bytes.count + 10) * 8 + BitPacking.wordCount(count: n, width: 1) * 64
            if sparseBits < min(packedBits, runBits, deltaBits, patchedBits) {
                out.write(sparseTag)
                out.writeVarUInt(UInt64(n - zeros))
                var word: UInt64 = 0
                for i in 0..<n {
                    word |= (values[i] != 0 ? 1 : 0) &<< UInt64(i & 63)
                    if i & 63 == 63 || i == n - 1 {
                        out.writeFixed(word)
                        word = 0
                    }
                }
                out.write(contentsOf: nested.bytes)
                return
            }
        }
        if patchedBits < packedBits && patchedBits < runBits && patchedBits < deltaBits {
            out.write(patchedTag)
            out.writeVarInt(patchedBase)
            out.write(UInt8(patchedWidth))
            let limit: UInt64 = patchedWidth == 64 ? ~0 : (1 << UInt64(patchedWidth)) &- 1
            var positions = [Int64]()
            var exceptions = [Int64]()
            var packed = [Int64](repeating: patchedBase, count: n)
            for i in 0..<n {
                let u = UInt64(bitPattern: values[i] &- patchedBase)
                if u > limit {
                    positions.append(Int64(i))
                    exceptions.append(Int64(bitPattern: u))
                } else {
                    packed[i] = values[i]
                }
            }
            packed.withUnsafeBufferPointer { BitPacking.pack($0, base: patchedBase, width: patchedWidth, into: &out) }
            out.writeVarUInt(UInt64(positions.count))
            if !positions.isEmpty {
                positions.withUnsafeBufferPointer { encode($0, into: &out, depth: depth + 1) }
                exceptions.withUnsafeBufferPointer { encode($0, into: &out, depth: depth + 1) }
            }
        } else if runBits < packedBits && runBits <= deltaBits {
            out.write(runsTag)
            out.writeVarUInt(UInt64(runs))
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: runs * 2) { scratch in
                let runValues = scratch.baseAddress!, runLengths = runValues + runs
                // Runs are few here (a quarter of the values at most).
                splitRuns(p, count: n, values: runValues, lengths: runLengths)
                encode(UnsafeBufferPointer(start: runValues, count: runs), into: &out, depth: depth + 1)
                encode(UnsafeBufferPointer(start: runLengths, count: runs), into: &out, depth: depth + 1)
            }
        } else if deltaBits < packedBits, let deltaBody {
            out.write(deltaTag)
            out.write(contentsOf: deltaBody.bytes)
        } else {
            out.write(packedTag)
            out.writeVarInt(minV)
            out.write(UInt8(packedWidth))
            BitPacking.pack(values, base: minV, width: packedWidth, into: &out)
        }
    }

    /// Encodes an array.
    package static func encode(_ values: [Int64], into out: inout ByteWriter) {
        values.withUnsafeBufferPointer { encode($0, into: &out) }
    }

    /// Decodes `count` values into `out`, advancing `reader`.
    package static func decode(
        _ reader: inout ByteReader, count: Int, into out: UnsafeMutablePointer<Int64>, depth: Int = 0
    ) throws(FormatError) {
        // Sparse values nest one level below the sequence without counting towards the
        // encoder's depth limit, so a valid sequence nests at most 5 deep.
        guard depth <= 5 else { throw .malformed("integer encoding nested too deeply") }
        let tag = try reader.readByte()
        switch tag {
        case constantTag:
            let v = try reader.readVarInt()
            out.update(repeating: v, count: count)
        case packedTag:
            let base = try reader.readVarInt()
            let width = Int(try reader.readByte())
            guard width <= 64 else { throw .malformed("bit width \(width)") }
            let bytes = try reader.readBytes(BitPacking.wordCount(count: count, width: width) * 8)
            BitPacking.unpack(bytes, count: count, width: width, base: base, into: out)
        case deltaTag:
            guard count > 0 else { throw .malformed("delta sequence with no values") }
            let first = try reader.readVarInt()
            out[0] = first
            if count > 1 {
                try decode(&reader, count: count - 1, into: out + 1, depth: depth + 1)
                var acc = first
                for i in 1..<count {
                    acc = acc &+ out[i]
                    out[i] = acc
                }
            }
        case runsTag:
            let runs = try reader.readCount(limit: count)
            var scratch = [Int64](repeating: 0, count: runs * 2)
            try scratch.withUnsafeMutableBufferPointer { (s) throws(FormatError) in
                let base = s.baseAddress!
                try decode(&reader, count: runs, into: base, depth: depth + 1)
                try decode(&reader, count: runs, into: base + runs, depth: depth + 1)
                try expandRuns(values: base, lengths: base + runs, runs: runs, count: count, into: out)
            }
        case patchedTag:
            let base = try reader.readVarInt()
            let width = Int(try reader.readByte())
            guard width <= 64 else { throw .malformed("bit width \(width)") }
            let bytes = try reader.readBytes(BitPacking.wordCount(count: count, width: width) * 8)
            BitPacking.unpack(bytes, count: count, width: width, base: base, into: out)
            let e = try reader.readCount(limit: count)
            if e > 0 {
                var scratch = [Int64](repeating: 0, count: e * 2)
                try scratch.withUnsafeMutableBufferPointer { (s) throws(FormatError) in
                    let p = s.baseAddress!
                    try decode(&reader, count: e, into: p, depth: depth + 1)
                    try decode(&reader, count: e, into: p + e, depth: depth + 1)
                    for i in 0..<e {
                        let position = Int(truncatingIfNeeded: p[i])
                        guard position >= 0 && position < count else { throw .malformed("exception position \(position) of \(count)") }
                        out[position] = base &+ p[e + i]
                    }
                }
            }
        case sparseTag:
            let m = try reader.readCount(limit: count)
            let words = BitPacking.wordCount(count: count, width: 1)
            let bitmap = try reader.readBytes(words * 8)
            var scratch = [Int64](repeating: 0, count: m)
            try scratch.withUnsafeMutableBufferPointer { (s) throws(FormatError) in
                if m > 0 { try decode(&reader, count: m, into: s.baseAddress!, depth: depth + 1) }
                out.update(repeating: 0, count: count)
                var k = 0
                for wi in 0..<words {
                    var w = UInt64(littleEndian: bitmap.loadUnaligned(fromByteOffset: wi * 8, as: UInt64.self))
                    let tail = count - wi * 64
                    if tail < 64 && w >> UInt64(tail) != 0 { throw .malformed("sparse bitmap marks rows past \(count)") }
                    guard w.nonzeroBitCount <= m - k else { throw .malformed("sparse bitmap marks more than \(m) values") }
                    let first = out + wi * 64
                    while w != 0 {
                        first[w.trailingZeroBitCount] = s[k]
                        k &+= 1
                        w &= w &- 1
                    }
                }
                guard k == m else { throw .malformed("sparse bitmap marks \(k) of \(m) values") }
            }
        case varintsTag:
            let length = try reader.readCount(limit: reader.remaining)
            let bytes = try reader.readBytes(length)
            // Every value takes one byte at least.
            guard length >= count else { throw .malformed("varints of \(length) bytes for \(count) values") }
            guard count > 0 else {
                guard length == 0 else { throw .malformed("varints of \(length) bytes for no values") }
                return
            }
            let used = tally_varint_deltas_decode(
                bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), length, out, count, 1)
            guard used == length else { throw .malformed("varints of \(length) bytes do not hold exactly \(count) values") }
        case varintRunsTag:
            let runs = try reader.readCount(limit: count)
            let length = try reader.readCount(limit: reader.remaining)
            let bytes = try reader.readBytes(length)
            // Every run takes two bytes at least.
            guard length >= 2 * runs else { throw .malformed("varint runs of \(length) bytes for \(runs) runs") }
            guard runs > 0 else {
                guard count == 0 && length == 0 else { throw .malformed("no runs for \(count) values") }
                return
            }
            var scratch = [Int64](repeating: 0, count: runs * 2)
            try scratch.withUnsafeMutableBufferPointer { (s) throws(FormatError) in
                let base = s.baseAddress!
                let used = tally_varint_deltas_decode(
                    bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), length, base, runs * 2, 0)
                guard used == length else { throw .malformed("varint runs of \(length) bytes do not hold exactly \(runs) runs") }
                try expandRuns(values: base, lengths: base + runs, runs: runs, count: count, into: out)
            }
        default:
            throw .malformed("unknown integer encoding tag \(tag)")
        }
    }
}
