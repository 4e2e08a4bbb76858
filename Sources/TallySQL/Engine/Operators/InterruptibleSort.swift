import TallyExecution

/// Sorts row numbers under a total order in blocks, then merges the blocks pairwise, so a
/// cancelled statement stops between blocks and within merges (every `CancellationPoll`
/// interval of output) while the comparison itself stays free of any check: a counter in
/// the comparison measured 20% slower on 3M text keys. The order is total (ties broken by
/// row number), so the result is the one `sort(by:)` gives.
enum InterruptibleSort {
    /// Rows per block sorted in one call (a few milliseconds of work).
    static let blockSize = 1 << 17

    @inline(__always)
    static func sort(_ order: inout [Int], by less: (Int, Int) -> Bool, isCancelled: () -> Bool) throws {
        let n = order.count
        if n <= blockSize {
            order.sort(by: less)
            return
        }
        var start = 0
        while start < n {
            if isCancelled() { throw ExecutionError.cancelled }
            let end = min(start + blockSize, n)
            order[start..<end].sort(by: less)
            start = end
        }
        var source = order
        var target = [Int](repeating: 0, count: n)
        var width = blockSize
        while width < n {
            var low = 0
            while low < n {
                let mid = min(low + width, n), high = min(low + 2 * width, n)
                try merge(source, low, mid, high, into: &target, by: less, isCancelled: isCancelled)
                low = high
            }
            swap(&source, &target)
            width *= 2
        }
        order = source
    }

    /// Merges the sorted runs `low..<mid` and `mid..<high` of `source` into the same
    /// positions of `target`.
    @inline(__always)
    static func merge(_ source: [Int], _ low: Int, _ mid: Int, _ high: Int, into target: inout [Int],
                      by less: (Int, Int) -> Bool, isCancelled: () -> Bool) throws {
        try source.withUnsafeBufferPointer { src in
            try target.withUnsafeMutableBufferPointer { dst in
                var i = low, j = mid, k = low
                while i < mid && j < high {
                    if less(src[j], src[i]) { dst[k] = src[j]; j += 1 } else { dst[k] = src[i]; i += 1 }
                    k += 1
                    if k & (CancellationPoll.interval - 1) == 0, isCancelled() { throw ExecutionError.cancelled }
                }
                while i < mid { dst[k] = src[i]; i += 1; k += 1 }
                while j < high { dst[k] = src[j]; j += 1; k += 1 }
            }
        }
    }
}
