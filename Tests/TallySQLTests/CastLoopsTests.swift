import CTallyKernels
@testable import TallySQL
import Testing

/// The numeric casts' loops against the row cast (`Cast.scalar`): DOUBLE to integers and
/// decimals (halves, values beyond the range, NaN, infinities, NULL rows), decimals to
/// DOUBLE and between scales; a vector with a failing row goes to the row cast, which
/// names the row or, under TRY_CAST, gives NULL.
@Suite struct CastLoopsTests {
    /// The integer casts' rounding (`tally_double_to_int64`, vector and portable) is the
    /// library's half to even, on halves, random doubles and random bit patterns.
    @Test func roundHalfEvenIsTheLibrarys() {
        var g = SeededGenerator(seed: 79)
        var values: [Double] = []
        for k in 0..<200_000 {
            switch k % 4 {
            case 0: values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &g)) / 2)  // halves
            case 1: values.append(Double.random(in: -1e6...1e6, using: &g))
            case 2: values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &g)))
            default: values.append(Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &g)) + [0.5, -0.5, 0.25].randomElement(using: &g)!)
            }
        }
        var vector = [Int64](repeating: 0, count: values.count), portable = vector
        values.withUnsafeBufferPointer { x in
            vector.withUnsafeMutableBufferPointer { _ = tally_double_to_int64(x.baseAddress!, x.count, .min, .max, nil, $0.baseAddress!) }
            portable.withUnsafeMutableBufferPointer { _ = tally_double_to_int64_portable(x.baseAddress!, x.count, .min, .max, nil, $0.baseAddress!) }
        }
        for (i, x) in values.enumerated() {
            let want = x.rounded(.toNearestOrEven)
            guard want >= -9.223372036854775808e18, want < 9.223372036854775808e18 else { continue }
            #expect(vector[i] == Int64(want) && portable[i] == Int64(want), "\(x): \(vector[i]), \(portable[i]) against \(want)")
        }
    }

    /// Every numeric vector kernel takes a chunk of no rows.
    @Test func emptyChunksGiveEmptyVectors() throws {
        let range = SourceRange(offset: 0, length: 0, line: 1, column: 1)
        let doubles = ColumnVector(type: .double, storage: .double([]), count: 0)
        let ints = ColumnVector(type: .bigint, storage: .int64([]), count: 0)
        #expect(try Cast.kernel(from: .double, to: .bigint, isTry: false, at: range)([doubles], 0).count == 0)
        for op in ["//", "%"] {
            let seven = ColumnVector.constant(.int(7), type: .bigint, count: 0)
            #expect(try Arithmetic.exactDivMod(op, result: .bigint, at: range)([ints, seven], 0).count == 0)
        }
        let stamps = ColumnVector(type: .timestamp, storage: .int64([]), count: 0)
        #expect(try TemporalKernels.datePart("hour", input: .timestamp)!([stamps], 0).count == 0)
    }

    @Test func vectorCastsEqualTheRowCast() throws {
        var g = SeededGenerator(seed: 83)
        let range = SourceRange(offset: 0, length: 0, line: 1, column: 1)
        let targets: [LogicalType] = [.bigint, .integer, .decimal(width: 18, scale: 2), .decimal(width: 9, scale: 3)]
        for round in 0..<400 {
            let n = Int.random(in: 1...40, using: &g)
            let pool: [Double] = [0.5, 1.5, 2.5, -0.5, -2.5, 3.4, 1e10, -1e10, 3e9, 1e19, .nan, .infinity, 123.4567, -0.0049]
            let values: [ScalarValue] = (0..<n).map { _ in Int.random(in: 0..<6, using: &g) == 0 ? .null : .double(pool.randomElement(using: &g)!) }
            let column = ColumnVector.build(type: .double, count: n) { values[$0] }
            let to = targets[round % targets.count]
            let isTry = Bool.random(using: &g)
            let kernel = Cast.kernel(from: .double, to: to, isTry: isTry, at: range)
            var expected: [ScalarValue] = []
            var failed = false
            for v in values {
                do { expected.append(try Cast.scalar(v, from: .double, to: to, isTry: isTry, at: range)) } catch { failed = true }
            }
            do {
                let out = try kernel([column], n)
                #expect(!failed, "round \(round): the row cast fails, the vector did not")
                if !failed { for i in 0..<n { #expect(out.value(i) == expected[i], "round \(round) row \(i) to \(to)") } }
            } catch {
                #expect(failed, "round \(round): the vector failed, the row cast did not")
            }
        }
    }

    /// Integers and decimals to one another, up and down in scale, with values at and past
    /// the target's range, in NULL rows too (which never fail).
    @Test func exactCastsEqualTheRowCast() throws {
        var g = SeededGenerator(seed: 89)
        let range = SourceRange(offset: 0, length: 0, line: 1, column: 1)
        let types: [LogicalType] = [.bigint, .integer, .decimal(width: 18, scale: 3), .decimal(width: 9, scale: 2), .decimal(width: 18, scale: 0)]
        for round in 0..<600 {
            let from = types[round % types.count], to = types[(round / types.count) % types.count]
            if from == to { continue }
            let n = Int.random(in: 1...40, using: &g)
            let pool: [Int64] = [0, 5, -5, 15, -15, 1_234_567, -2_147_483_648, 2_147_483_647, 999_999_999, 99_999_999_999_999_999, .max, .min]
            // Values of the source type (a vector never holds more); NULL rows hold anything.
            let inType = pool.filter { from.integerRange.contains(Int128($0)) }
            let valid: [Bool]? = Bool.random(using: &g) ? (0..<n).map { _ in Int.random(in: 0..<3, using: &g) != 0 } : nil
            let xs = (0..<n).map { i in (valid?[i] ?? true) ? inType.randomElement(using: &g)! : pool.randomElement(using: &g)! }
            let column = ColumnVector(type: from, storage: .int64(xs), validity: valid, count: n)
            let isTry = Bool.random(using: &g)
            var expected: [ScalarValue] = []
            var failed = false
            for i in 0..<n {
                do { expected.append(try Cast.scalar(column.value(i), from: from, to: to, isTry: isTry, at: range)) } catch { failed = true }
            }
            do {
                let out = try Cast.kernel(from: from, to: to, isTry: isTry, at: range)([column], n)
                #expect(!failed, "round \(round): \(from) to \(to): the row cast fails, the vector did not")
                if !failed { for i in 0..<n { #expect(out.value(i) == expected[i], "round \(round) row \(i): \(from) to \(to)") } }
            } catch {
                #expect(failed, "round \(round): \(from) to \(to): the vector failed, the row cast did not")
            }
        }
    }
}
