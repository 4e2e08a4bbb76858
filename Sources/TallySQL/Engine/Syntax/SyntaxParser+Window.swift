/// Window clauses: `OVER (...)`, `OVER name`, `WINDOW name AS (...)`.
extension SyntaxParser {
    /// After `OVER`: a window name or a parenthesised window.
    mutating func parseOver() throws(SQLError) -> SyntaxWindow {
        let start = current.range
        if !current.isSymbol("(") {
            let n = try name()
            return SyntaxWindow(baseName: n, range: n.range)
        }
        return try parseWindowBody(from: start)
    }

    /// `( [name] [PARTITION BY ...] [ORDER BY ...] [frame] )`.
    mutating func parseWindowBody(from start: SourceRange) throws(SQLError) -> SyntaxWindow {
        try expect("(")
        var w = SyntaxWindow(range: start)
        if isName && !current.isWord("PARTITION") && !current.isWord("ORDER") && !current.isWord("ROWS")
            && !current.isWord("RANGE") && !current.isWord("GROUPS") {
            w.baseName = try name()
        }
        if try accept("PARTITION") {
            try expectWord("BY")
            repeat { w.partitionBy.append(try parseExpression()) } while try acceptSymbol(",")
        }
        if try accept("ORDER") {
            try expectWord("BY")
            repeat { w.orderBy.append(try parseOrderItem()) } while try acceptSymbol(",")
        }
        if current.isWord("GROUPS") { throw unsupported("GROUPS frames", plural: true, hint: "use ROWS or RANGE") }
        if current.isWord("ROWS") || current.isWord("RANGE") {
            let first = current.range
            let isRange = current.isWord("RANGE")
            try advance()
            var frame: SyntaxFrame
            if try accept("BETWEEN") {
                let s = try parseFrameBound()
                try expectWord("AND")
                let e = try parseFrameBound()
                frame = SyntaxFrame(isRange: isRange, start: s, end: e, range: first.through(previousRange))
            } else {
                let s = try parseFrameBound()
                frame = SyntaxFrame(isRange: isRange, start: s, end: .currentRow, range: first.through(previousRange))
            }
            if current.isWord("EXCLUDE") { throw unsupported("EXCLUDE in window frames", hint: "remove the EXCLUDE clause") }
            frame.range = first.through(previousRange)
            w.frame = frame
        }
        let close = try expect(")", "\")\" to close the window")
        w.range = start.through(close.range)
        return w
    }

    /// `UNBOUNDED PRECEDING`, `n PRECEDING`, `CURRENT ROW`, `n FOLLOWING`, `UNBOUNDED FOLLOWING`.
    mutating func parseFrameBound() throws(SQLError) -> SyntaxFrameBound {
        if try accept("UNBOUNDED") {
            if try accept("PRECEDING") { return .unboundedPreceding }
            if try accept("FOLLOWING") { return .unboundedFollowing }
            throw syntax(expected: "PRECEDING or FOLLOWING")
        }
        if try accept("CURRENT") {
            try expectWord("ROW")
            return .currentRow
        }
        let offset = try parseOther()
        if try accept("PRECEDING") { return .preceding(offset) }
        if try accept("FOLLOWING") { return .following(offset) }
        throw syntax(expected: "PRECEDING or FOLLOWING")
    }

    /// `WINDOW name AS (...), ...`.
    mutating func parseWindowClause() throws(SQLError) -> [SyntaxNamedWindow] {
        var out: [SyntaxNamedWindow] = []
        repeat {
            let n = try name()
            try expectWord("AS")
            out.append(SyntaxNamedWindow(name: n, window: try parseWindowBody(from: current.range)))
        } while try acceptSymbol(",")
        return out
    }
}
