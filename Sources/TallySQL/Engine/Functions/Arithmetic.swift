import CTallyKernels
import Foundation

/// `+ - * / // % ^` and unary minus over numbers, dates, timestamps and intervals, with
/// DuckDB's result types and an error (never a wrapped value) on overflow.
package enum Arithmetic {
    /// The error DuckDB gives: "Overflow in addition of INT64 (9223372036854775807 + 1)".
    static func overflow(_ what: String, _ type: LogicalType, _ a: ScalarValue, _ b: ScalarValue, _ op: String,
                         _ operandType: LogicalType, _ range: SourceRange, bType: LogicalType? = nil) -> SQLError {
        SQLError(.overflow, "Overflow in \(what) of \(physicalName(type)) (\(ScalarValue.sqlText(a, operandType)) \(op) \(ScalarValue.sqlText(b, bType ?? operandType)))",
                 at: range, hint: "cast to a wider type (HUGEINT, DOUBLE) before the operation")
    }

    /// The type's name in DuckDB's overflow messages: integers by their physical width.
    static func physicalName(_ type: LogicalType) -> String {
        switch type {
        case .integer: return "INT32"
        case .bigint: return "INT64"
        case .hugeint: return "INT128"
        default: return type.description
        }
    }

    /// Exact `+ - *` on integers or decimals already at the result's scale (for `*`, the
    /// scales add up): computed in Int128 and checked against the result type's range.
    package static func exact(_ op: String, result: LogicalType, operandType: LogicalType, at range: SourceRange) -> ScalarKernel {
        let bounds = result.integerRange
        let what = op == "+" ? "addition" : (op == "-" ? "subtraction" : "multiplication")
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            // Fast path: Int64 vectors or constants into an Int64-backed result.
            if result.isInt64Backed, let fast = try int64Fast(op, args, n, bounds, what, result, operandType, range) { return fast }
            return try RowKernel.apply(args, count: n, type: result, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .int(let a) = v[0], case .int(let b) = v[1] else { return .null }
                let r: Int128, o: Bool
                switch op {
                case "+": (r, o) = a.addingReportingOverflow(b)
                case "-": (r, o) = a.subtractingReportingOverflow(b)
                default: (r, o) = a.multipliedReportingOverflow(by: b)
                }
                // Each operand as its own type: a DECIMAL times an INTEGER shows the integer as one.
                if o || !bounds.contains(r) { throw overflow(what, result, v[0], v[1], op, op == "*" ? args[0].type : operandType, range, bType: op == "*" ? args[1].type : operandType) }
                return .int(r)
            }
        }
    }

    static func int64Fast(_ op: String, _ args: [ColumnVector], _ n: Int, _ bounds: ClosedRange<Int128>, _ what: String,
                          _ result: LogicalType, _ operandType: LogicalType, _ range: SourceRange) throws(SQLError) -> ColumnVector? {
        guard let a = ArithmeticLoops.int64Operand(args[0]), let b = ArithmeticLoops.int64Operand(args[1]) else { return nil }
        let lo = Int64(clamping: bounds.lowerBound), hi = Int64(clamping: bounds.upperBound)
        let validity = Comparison.mergeValidity(args[0].validity, args[1].validity, n)
        let (out, failedAt) = ArithmeticLoops.int64(op, a, b, n, lo: lo, hi: hi, validity: validity)
        if let failedAt {
            func value(_ side: ArithmeticLoops.Operand<Int64>) -> Int64 {
                switch side {
                case .rows(let v): return v[failedAt]
                case .constant(let k): return k
                }
            }
            throw overflow(what, result, .int(Int128(value(a))), .int(Int128(value(b))), op, op == "*" ? args[0].type : operandType, range,
                           bType: op == "*" ? args[1].type : operandType)
        }
        return ColumnVector(type: result, storage: .int64(out), validity: validity, count: n)
    }

    /// `+ - * / % ^` on doubles (IEEE: x / 0 is ±inf or nan, as DuckDB's default).
    package static func double(_ op: String) -> ScalarKernel {
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            // Two constants go to the row kernel, which folds them once.
            if let a = ArithmeticLoops.doubleOperand(args[0]), let b = ArithmeticLoops.doubleOperand(args[1]), a.isRows || b.isRows {
                return ColumnVector(type: .double, storage: .double(ArithmeticLoops.double(op, a, b, n)),
                                    validity: Comparison.mergeValidity(args[0].validity, args[1].validity, n), count: n)
            }
            return try RowKernel.apply(args, count: n, type: .double, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .double(let a) = v[0], case .double(let b) = v[1] else { return .null }
                return .double(apply(op, a, b))
            }
        }
    }

    @inline(__always)
    static func apply(_ op: String, _ a: Double, _ b: Double) -> Double {
        switch op {
        case "+": return a + b
        case "-": return a - b
        case "*": return a * b
        case "/": return a / b
        case "%": return fmod(a, b)
        case "//": return (a / b).rounded(.down)
        default: return pow(a, b)
        }
    }

    /// `/` on exact numbers: the quotient as a DOUBLE, with IEEE results for a zero
    /// divisor (±inf, nan), as DuckDB's default.
    package static func exactDivide(_ lt: LogicalType, _ rt: LogicalType) -> ScalarKernel {
        RowKernel.make(.double) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            guard let a = v[0].asDouble(lt), let b = v[1].asDouble(rt) else { return .null }
            return .double(a / b)
        }
    }

    /// `//` and `%` on integers or decimals at one scale: truncating division and the
    /// remainder with the dividend's sign; NULL when dividing by zero.
    package static func exactDivMod(_ op: String, result: LogicalType, at range: SourceRange) -> ScalarKernel {
        let rowKernel = exactDivModRows(op, result: result, at: range)
        guard result.isInt64Backed, op == "%" || result.scale == 0 else { return rowKernel }
        // Int64 operands: a loop, unless a divisor is zero or the quotient overflows (the
        // row kernel then names the row).
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard let a = ArithmeticLoops.int64Operand(args[0]), let b = ArithmeticLoops.int64Operand(args[1]) else {
                return try rowKernel(args, n)
            }
            let validity = Comparison.mergeValidity(args[0].validity, args[1].validity, n)
            let isMod = op == "%"
            if case .rows(let xs) = a, case .constant(let d) = b, d != 0, d != -1, n > 0 {
                // By a constant: in C, eight rows at a time with AVX-512 (a hardware division
                // per row here was half of `quantity::BIGINT % 7 = 0`, many_small 10M).
                let out = [Int64](unsafeUninitializedCapacity: n) { o, made in
                    xs.withUnsafeBufferPointer { tally_div_mod_int64($0.baseAddress!, n, d, isMod ? 1 : 0, o.baseAddress!) }
                    made = n
                }
                return ColumnVector(type: result, storage: .int64(out), validity: validity, count: n)
            }
            var bad = false
            let out: [Int64] = ArithmeticLoops.loop(a, b, n) { x, y in
                // A zero divisor or Int64.min / -1 on any row (NULL rows included): the row
                // kernel decides.
                let unsafe = y == 0 || (x == .min && y == -1)
                bad = bad || unsafe
                let d = unsafe ? 1 : y
                return isMod ? x % d : x / d
            }
            if bad { return try rowKernel(args, n) }
            return ColumnVector(type: result, storage: .int64(out), validity: validity, count: n)
        }
    }

    /// `exactDivMod` row by row, in Int128.
    static func exactDivModRows(_ op: String, result: LogicalType, at range: SourceRange) -> ScalarKernel {
        RowKernel.make(result) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            guard case .int(let a) = v[0], case .int(let b) = v[1] else { return .null }
            if b == 0 {
                throw SQLError(.invalidArgument, "Division by zero in \(op)", at: range, hint: "use NULLIF(divisor, 0) to get NULL instead")
            }
            if a == Int128.min && b == -1 { throw overflow("division", result, v[0], v[1], op, result, range) }
            if op == "%" { return .int(a % b) }
            // `//` of decimals is the whole quotient at the result's scale.
            let q = a / b
            return .int(q * LogicalType.powerOfTen(result.scale))
        }
    }

    /// Unary minus.
    package static func negate(_ type: LogicalType, at range: SourceRange) -> ScalarKernel {
        RowKernel.make(type) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            switch v[0] {
            case .int(let x):
                let r = 0 - x
                if !type.integerRange.contains(r) { throw overflow("negation", type, v[0], v[0], "-", type, range) }
                return .int(r)
            case .double(let d): return .double(-d)
            case .interval(let i): return .interval(i.negated)
            default: return .null
            }
        }
    }
}
