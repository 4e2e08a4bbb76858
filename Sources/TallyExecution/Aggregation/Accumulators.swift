import TallySystem
import TallyFormat
import TallyStore
/// Per-group running state of one worker, one array per accumulator the query needs
/// (indexed by group). Counts are always kept: averages and rollups need them.
struct Accumulators {
    var count: [Int64] = []
    var qSum: [Double] = []
    var cSum: [Int128] = []
    var qMin: [Double] = []
    var qMax: [Double] = []
    var cMin: [Int64] = []
    var cMax: [Int64] = []
    var dSum: [Int128] = []
    var dCount: [Int64] = []
    var dMin: [Int64] = []
    var dMax: [Int64] = []
    /// Distinct-value counts per group, parallel to `QueryPlan.distinct`.
    var distinctCount: [[Int64]] = []

    let plan: QueryPlan

    init(plan: QueryPlan) {
        self.plan = plan
        distinctCount = [[Int64]](repeating: [], count: plan.distinct.count)
    }

    /// Adds the state of a new group (index = the previous group count).
    mutating func addGroup() {
        count.append(0)
        if plan.needQSum { qSum.append(0) }
        if plan.needCSum { cSum.append(0) }
        if plan.needQMin { qMin.append(.infinity) }
        if plan.needQMax { qMax.append(-.infinity) }
        if plan.needCMin { cMin.append(.max) }
        if plan.needCMax { cMax.append(.min) }
        if plan.needDuration {
            dSum.append(0); dCount.append(0); dMin.append(.max); dMax.append(.min)
        }
        for i in distinctCount.indices { distinctCount[i].append(0) }
    }

    /// Folds every group g of `other` into group `map[g]` of this state (which must
    /// already exist): one call per merge, not per group, since reading another
    /// worker's state copies (retains) all of its arrays.
    mutating func merge(_ other: Accumulators, map: [Int32]) {
        for (g, h32) in map.enumerated() {
            let h = Int(h32)
            count[h] += other.count[g]
            if plan.needQSum { qSum[h] += other.qSum[g] }
            if plan.needCSum { cSum[h] += other.cSum[g] }
            if plan.needQMin { qMin[h] = Swift.min(qMin[h], other.qMin[g]) }
            if plan.needQMax { qMax[h] = Swift.max(qMax[h], other.qMax[g]) }
            if plan.needCMin { cMin[h] = Swift.min(cMin[h], other.cMin[g]) }
            if plan.needCMax { cMax[h] = Swift.max(cMax[h], other.cMax[g]) }
            if plan.needDuration {
                dSum[h] += other.dSum[g]
                dCount[h] += other.dCount[g]
                dMin[h] = Swift.min(dMin[h], other.dMin[g])
                dMax[h] = Swift.max(dMax[h], other.dMax[g])
            }
        }
    }
}
