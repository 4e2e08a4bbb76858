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
    /// Per code - 1: where its bytes start, how many, its hash and its table slot.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var slotOfCode: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing: 0 = empty, else a code.
    private var table: UnsafeMutablePointer<UInt32>
    private var tableMask: Int
    private var lastCode: UInt32 = 0

    init() {
        byteCapacity = 4096
        bytes = .allocate(capacity: byteCapacity)
        tableMask = 63
        table = .allocate(capacity: tableMask + 1)
        table.initialize(repeating: 0, count: tableMask + 1)
    }

    deinit {
        bytes.deallocate()
        table.deallocate()
    }

    /// The code of `b` if it was seen in this batch, else 0.
    @inline(__always)
    mutating func code(of b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if lastCode != 0 && matches(lastCode, b) { return lastCode }
        let h = Self.hash(b)
        var slot = Int(truncatingIfNeeded: h) & tableMask
        while true {
            let c = table[slot]
            if c == 0 { return 0 }
            if hashes[Int(c) - 1] == h && matches(c, b) {
                lastCode = c
                return c
            }
            slot = (slot + 1) & tableMask
        }
    }

    /// Adds `b`, not yet seen in this batch, whose value is `value`; returns its code.
    mutating func insert(_ b: UnsafeBufferPointer<UInt8>, value: String) -> UInt32 {
        if (starts.count + 1) * 2 > tableMask + 1 { growTable() }
        if byteCount + b.count > byteCapacity { growBytes(byteCount + b.count) }
        if let base = b.baseAddress { (bytes + byteCount).update(from: base, count: b.count) }
        starts.append(byteCount)
        lengths.append(b.count)
        byteCount += b.count
        values.append(value)
        let code = UInt32(starts.count)
        let h = Self.hash(b)
        hashes.append(h)
        slotOfCode.append(place(code, hash: h))
        lastCode = code
        return code
    }

    /// Forgets every value (the next batch numbers its values afresh).
    mutating func reset() {
        for s in slotOfCode { table[s] = 0 }
        values.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        slotOfCode.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        byteCount = 0
        lastCode = 0
    }

    /// Moves the values made since the last `reset` into `target` (whose old contents
    /// are dropped); codes stay valid for lookups until `reset`.
    mutating func moveValues(into target: inout [String]) {
        target.removeAll(keepingCapacity: true)
        swap(&target, &values)
    }

    @inline(__always)
    private func matches(_ code: UInt32, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let k = Int(code) - 1
        let n = lengths[k]
        guard n == b.count else { return false }
        guard n > 0 else { return true }
        let a = bytes + starts[k], p = b.baseAddress!
        var i = 0
        while i &+ 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i &+= 8
        }
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
        for k in 0..<hashes.count { slotOfCode[k] = place(UInt32(k + 1), hash: hashes[k]) }
    }

    private mutating func growBytes(_ needed: Int) {
        var capacity = byteCapacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    /// A 64-bit hash of the bytes, eight at a time (values are mostly short ids).
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        guard let p = b.baseAddress else { return h }
        let n = b.count
        var i = 0
        while i &+ 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 32)
    }
}
