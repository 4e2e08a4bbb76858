import Glibc

/// The 2 MiB blocks of `GroupValueBlocks`, kept for reuse after a statement frees them, up
/// to `retainedLimit` bytes for the process.
///
/// Why keep them: a fresh page is zeroed by the kernel on its first write. For
/// `quantile_cont(duration_ms, 0.95), median(cost_usd), quantile_disc(quantity, 0.5) ...
/// GROUP BY model_id` over 10M rows (per_step) that was 240 MB cleared per statement, a
/// third of its CPU, even on huge pages. A kept block is marked `MADV_FREE`: under memory
/// pressure the kernel may take its pages back (a later write then gets fresh zeroed
/// pages), otherwise they are reused as they are, as jemalloc and DuckDB's allocator do.
final class HugeBlockPool: @unchecked Sendable {
    /// The process's pool.
    static let shared = HugeBlockPool(retainedLimit: 256 << 20)

    /// Bytes of free blocks kept at most.
    let retainedLimit: Int
    private let lock = NSLockLike()
    private var free: [UnsafeMutableRawPointer] = []

    init(retainedLimit: Int) { self.retainedLimit = retainedLimit }

    /// Bytes of the free blocks kept now.
    var keptBytes: Int { lock.locked { free.count * HugeBlockPool.blockBytes } }

    /// The size of a block: 2 MiB, one huge page.
    static var blockBytes: Int { 2 << 20 }

    /// A block: a kept one, or a fresh map; nil if the map fails.
    func take() -> UnsafeMutableRawPointer? {
        if let kept = lock.locked({ free.popLast() }) { return kept }
        return HugeBlockPool.map()
    }

    /// Takes back a block from `take`: kept while the pool is under its limit, else unmapped.
    /// Marked `MADV_FREE` before it is listed: once listed, another thread may take it and
    /// write to it, and advice given after that would let the kernel drop those values.
    func give(_ block: UnsafeMutableRawPointer) {
        let room = lock.locked { (free.count + 1) * HugeBlockPool.blockBytes <= retainedLimit }
        if room {
            _ = madvise(block, HugeBlockPool.blockBytes, MADV_FREE)
            let kept = lock.locked { () -> Bool in
                guard (free.count + 1) * HugeBlockPool.blockBytes <= retainedLimit else { return false }
                free.append(block)
                return true
            }
            if kept { return }
        }
        munmap(block, HugeBlockPool.blockBytes)
    }

    /// 2 MiB, aligned to 2 MiB so that the kernel can back it with one huge page
    /// (`MADV_HUGEPAGE`; where it does not, it is ordinary pages); nil if the map fails.
    private static func map() -> UnsafeMutableRawPointer? {
        let size = blockBytes
        // Twice the size, then the unaligned ends given back.
        guard let raw = mmap(nil, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else { return nil }
        let address = UInt(bitPattern: raw)
        let aligned = (address + UInt(size) - 1) & ~(UInt(size) - 1)
        let head = Int(aligned - address)
        if head > 0 { munmap(raw, head) }
        let tail = size - head
        if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + UInt(size)), tail) }
        let block = UnsafeMutableRawPointer(bitPattern: aligned)!
        _ = madvise(block, size, MADV_HUGEPAGE)
        return block
    }
}
