import Foundation

/// The vector loops of `Arithmetic`: one loop per operator and per form of the operands
/// (an array or one constant on each side), the operator a type so that each loop is
/// specialised, with no per-row test of which operator or which form.
///
/// The first kernels chose the operator by comparing its name per row and unwrapped an
/// optional array per row: `sum(quantity * 2)` spent a third of its time there and ran at
/// 0.92x DuckDB (per_step 10M): see BENCHMARKS.md, session 16.
enum ArithmeticLoops {
    /// One side of a binary operation over a chunk.
    enum Operand<T> {
        case rows([T])
        case constant(T)

        /// Whether the side is a vector, not one constant.
        var isRows: Bool { if case .rows = self { return true }; return false }
    }

    /// An Int64 vector or an integer constant that fits Int64 as an operand, or nil.
    static func int64Operand(_ v: ColumnVector) -> Operand<Int64>? {
        switch v.storage {
        case .int64(let a): return .rows(a)
        case .constant(.int(let c)): return Int64(exactly: c).map { .constant($0) }
        default: return nil
        }
    }

    /// A DOUBLE vector or constant as an operand, or nil.
    static func doubleOperand(_ v: ColumnVector) -> Operand<Double>? {
        switch v.storage {
        case .double(let a): return .rows(a)
        case .constant(.double(let c)): return .constant(c)
        default: return nil
        }
    }

    /// `x op y` on doubles, IEEE (a zero divisor gives ±inf or nan).
    static func double(_ op: String, _ a: Operand<Double>, _ b: Operand<Double>, _ n: Int) -> [Double] {
        switch op {
        case "+": return loop(a, b, n) { $0 + $1 }
        case "-": return loop(a, b, n) { $0 - $1 }
        case "*": return loop(a, b, n) { $0 * $1 }
        case "/": return loop(a, b, n) { $0 / $1 }
        case "%": return loop(a, b, n) { fmod($0, $1) }
        case "//": return loop(a, b, n) { ($0 / $1).rounded(.down) }
        default: return loop(a, b, n) { pow($0, $1) }
        }
    }

    /// `x op y` on Int64s for `+ - *`, each result checked against `lo...hi`: the results,
    /// and the first row (NULL rows excepted) whose result overflowed or left the range.
    static func int64(_ op: String, _ a: Operand<Int64>, _ b: Operand<Int64>, _ n: Int, lo: Int64, hi: Int64,
                      validity: [Bool]?) -> (values: [Int64], failedAt: Int?) {
        switch op {
        case "+": return checked(a, b, n, lo, hi, validity) { $0.addingReportingOverflow($1) }
        case "-": return checked(a, b, n, lo, hi, validity) { $0.subtractingReportingOverflow($1) }
        default: return checked(a, b, n, lo, hi, validity) { $0.multipliedReportingOverflow(by: $1) }
        }
    }

    /// `f` over the rows, a loop per form of the operands.
    @inline(__always)
    static func loop<T, R>(_ a: Operand<T>, _ b: Operand<T>, _ n: Int, _ f: (T, T) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: n) { out, made in
            switch (a, b) {
            case (.rows(let x), .rows(let y)):
                x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in for i in 0..<n { out[i] = f(x[i], y[i]) } } }
            case (.rows(let x), .constant(let k)):
                x.withUnsafeBufferPointer { x in for i in 0..<n { out[i] = f(x[i], k) } }
            case (.constant(let k), .rows(let y)):
                y.withUnsafeBufferPointer { y in for i in 0..<n { out[i] = f(k, y[i]) } }
            case (.constant(let k), .constant(let l)):
                let r = f(k, l)
                for i in 0..<n { out[i] = r }
            }
            made = n
        }
    }

    /// The checked Int64 loop: every row computed, overflow and range gathered into one
    /// flag without a branch per row; only when it is set is the first failing row found.
    @inline(__always)
    static func checked(_ a: Operand<Int64>, _ b: Operand<Int64>, _ n: Int, _ lo: Int64, _ hi: Int64, _ validity: [Bool]?,
                        _ f: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)) -> (values: [Int64], failedAt: Int?) {
        var bad = false
        let values: [Int64] = loop(a, b, n) { x, y in
            let (r, o) = f(x, y)
            bad = bad || o || r < lo || r > hi
            return r
        }
        guard bad else { return (values, nil) }
        // Again, row by row: NULL rows may hold any value and never fail.
        func row(_ side: Operand<Int64>, _ i: Int) -> Int64 {
            switch side {
            case .rows(let v): return v[i]
            case .constant(let k): return k
            }
        }
        for i in 0..<n where validity?[i] ?? true {
            let (r, o) = f(row(a, i), row(b, i))
            if o || r < lo || r > hi { return (values, i) }
        }
        return (values, nil)
    }
}
