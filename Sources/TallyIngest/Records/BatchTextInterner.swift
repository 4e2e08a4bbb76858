import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// Gives each distinct value of one text column a code for the current batch (1, 2, ...
/// in order of first sight), looking values up by their bytes: a repeated value costs a
/// byte comparison or a hash probe, and no `String` is made for it.
///
/// The value that matched last is tried first, since columns mostly repeat the previous
/// row's value. Storage is plain memory, reused from batch to batch; `reset` forgets the
/// values in time proportional to how many there were.
struct BatchTextInterner: ~Copyable {
    /// The distinct values seen since the last `moveValues`, as Strings, in code order.
    private var values: [String] = []

    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    /// Per code - 1: where its bytes start, how many, its hash and its table slot. Plain
    /// memory: the lookups run for every text field of every row.
    private struct Entry {
        var start: Int
        var length: Int
        var hash: UInt64
        var slot: Int
    }
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCount = 0
    private var entryCapacity: Int
    /// Open addressing, linear probing: 0 = empty, else a code.
    private var table: UnsafeMutablePointer<UInt32>
    private var tableMask: Int
    /// The value that matched last: its code, bytes and length.
    private var lastCode: UInt32 = 0
    private var lastStart: UnsafePointer<UInt8>
    private var lastLength = -1

    init() {
        byteCapacity = 4096
        bytes = .allocate(capacity: byteCapacity)
        entryCapacity = 64
        entries = .allocate(capacity: entryCapacity)
        tableMask = 127
        table = .allocate(capacity: tableMask + 1)
        table.initialize(repeating: 0, count: tableMask + 1)
        lastStart = UnsafePointer(bytes)
    }

    deinit {
        bytes.deallocate()
        entries.deallocate()
        table.deallocate()
    }

    /// The code of `b` if it was seen in this batch, else 0.
    @inline(__always)
    mutating func code(of b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if b.count == lastLength && Self.equal(lastStart, b) { return lastCode }
        let h = ByteHash.hash(b)
        var slot = Int(truncatingIfNeeded: h) & tableMask
        while true {
            let c = table[slot]
            if c == 0 { return 0 }
            let e = entries[Int(c) - 1]
            if e.hash == h && e.length == b.count && Self.equal(bytes + e.start, b) {
                remember(c, e)
                return c
            }
            slot = (slot + 1) & tableMask
        }
    }

    /// Adds `b`, not yet seen in this batch, whose value is `value`; returns its code.
    mutating func insert(_ b: UnsafeBufferPointer<UInt8>, value: String) -> UInt32 {
        if (entryCount + 1) * 2 > tableMask + 1 { growTable() }
        if entryCount == entryCapacity { growEntries() }
        if byteCount + b.count > byteCapacity { growBytes(byteCount + b.count) }
        if let base = b.baseAddress { (bytes + byteCount).update(from: base, count: b.count) }
        let h = ByteHash.hash(b)
        var e = Entry(start: byteCount, length: b.count, hash: h, slot: 0)
        byteCount += b.count
        values.append(value)
        entryCount += 1
        let code = UInt32(entryCount)
        e.slot = place(code, hash: h)
        (entries + entryCount - 1).initialize(to: e)
        remember(code, e)
        return code
    }

    @inline(__always)
    private mutating func remember(_ code: UInt32, _ e: Entry) {
        lastCode = code
        lastStart = UnsafePointer(bytes + e.start)
        lastLength = e.length
    }

    /// Forgets every value (the next batch numbers its values afresh).
    mutating func reset() {
        for k in 0..<entryCount { table[entries[k].slot] = 0 }
        values.removeAll(keepingCapacity: true)
        entryCount = 0
        byteCount = 0
        lastCode = 0
        lastLength = -1
    }

    /// Moves the values made since the last `reset` into `target` (whose old contents
    /// are dropped); codes stay valid for lookups until `reset`.
    mutating func moveValues(into target: inout [String]) {
        target.removeAll(keepingCapacity: true)
        swap(&target, &values)
    }

    /// Byte equality of `b` with as many bytes at `a`: eight at a time, the last eight
    /// (or four) overlapping the ones before, so that no byte is compared alone but in
    /// values shorter than four bytes.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard let p = b.baseAddress else { return true }
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(p)
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i &+= 8
            }
            return x.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        }
        if n >= 4 {
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        }
        var i = 0
        while i < n {
            if a[i] != p[i] { return false }
            i &+= 1
        }
        return true
    }

    private mutating func place(_ code: UInt32, hash h: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: h) & tableMask
        while table[slot] != 0 { slot = (slot + 1) & tableMask }
        table[slot] = code
        return slot
    }

    private mutating func growTable() {
        table.deallocate()
        tableMask = (tableMask + 1) * 2 - 1
        table = .allocate(capacity: tableMask + 1)
        table.initialize(repeating: 0, count: tableMask + 1)
        for k in 0..<entryCount { entries[k].slot = place(UInt32(k + 1), hash: entries[k].hash) }
    }

    private mutating func growEntries() {
        let grown = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
        grown.moveInitialize(from: entries, count: entryCount)
        entries.deallocate()
        entries = grown
        entryCapacity *= 2
    }

    private mutating func growBytes(_ needed: Int) {
        var capacity = byteCapacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
        // The remembered value moved with the bytes.
        lastCode = 0
        lastLength = -1
    }
}
