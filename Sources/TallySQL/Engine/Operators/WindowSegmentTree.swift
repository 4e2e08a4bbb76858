/// Sums and extremes over any range of a partition in O(log n): an iterative segment tree
/// (leaves at `size...`, each node combining its two children). Sliding frames use it, so a
/// frame of the whole rest of a partition costs log n, not its length.
struct WindowSegmentTree<Value> {
    private var nodes: [Value]
    private let size: Int
    private let identity: Value
    private let combine: (Value, Value) -> Value

    init(_ leaves: [Value], identity: Value, combine: @escaping (Value, Value) -> Value) {
        size = max(1, leaves.count)
        self.identity = identity
        self.combine = combine
        nodes = [Value](repeating: identity, count: 2 * size)
        for (i, v) in leaves.enumerated() { nodes[size + i] = v }
        var i = size - 1
        while i >= 1 { nodes[i] = combine(nodes[2 * i], nodes[2 * i + 1]); i -= 1 }
    }

    /// The combination of leaves [lower, upper).
    func query(_ lower: Int, _ upper: Int) -> Value {
        var left = identity, right = identity
        var l = lower + size, r = upper + size
        while l < r {
            if l & 1 == 1 { left = combine(left, nodes[l]); l += 1 }
            if r & 1 == 1 { r -= 1; right = combine(nodes[r], right) }
            l >>= 1; r >>= 1
        }
        return combine(left, right)
    }
}
