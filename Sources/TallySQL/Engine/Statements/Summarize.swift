import TallyStore
import TallyExecution

/// SUMMARIZE: per column of a query's result, its type, min, max, distinct count, average,
/// standard deviation, quartiles, count and share of NULLs (DuckDB's columns).
enum Summarize {
    static let columns: [ResultColumn] = [
        ResultColumn(name: "column_name", type: .varchar), ResultColumn(name: "column_type", type: .varchar),
        ResultColumn(name: "min", type: .varchar), ResultColumn(name: "max", type: .varchar),
        ResultColumn(name: "approx_unique", type: .bigint), ResultColumn(name: "avg", type: .varchar),
        ResultColumn(name: "std", type: .varchar), ResultColumn(name: "q25", type: .varchar),
        ResultColumn(name: "q50", type: .varchar), ResultColumn(name: "q75", type: .varchar),
        ResultColumn(name: "count", type: .bigint), ResultColumn(name: "null_percentage", type: .double),
    ]

    static func run(_ q: BoundQuery, snapshot: Snapshot, engine: QueryEngine, sideTables: (any SideTableSource)?, memory: StatementMemory,
                    isCancelled: @escaping () -> Bool) throws -> SQLResultTable {
        // One aggregate over the query's rows computes every column's figures.
        let types = q.types
        var aggregates: [BoundAggregate] = []
        for (i, t) in types.enumerated() {
            let col = BoundExpression.column(i, t, name: q.names[i])
            func agg(_ k: AggregateKind, _ e: BoundExpression) -> BoundAggregate {
                BoundAggregate(kind: k, arguments: [e], distinct: false, filter: nil, orderBy: [], returnType: k.returnType([e.type]), text: "")
            }
            aggregates.append(agg(.min, col))
            aggregates.append(agg(.max, col))
            aggregates.append(agg(.approxCountDistinct, col))
            aggregates.append(agg(.count, col))
            if t.isNumeric {
                let d = BoundExpression.call(BoundFunction(name: "CAST_DOUBLE", returnType: .double, canFail: false,
                                                           kernel: Cast.kernel(from: t, to: .double, isTry: true, at: SourceRange(offset: 0, length: 0, line: 1, column: 1))), [col])
                aggregates.append(agg(.avg, d))
                aggregates.append(agg(.stddevSamp, d))
                for f in [0.25, 0.5, 0.75] {
                    aggregates.append(BoundAggregate(kind: .quantileDisc([f], list: false), arguments: [d], distinct: false, filter: nil, orderBy: [], returnType: .double, text: ""))
                }
            }
        }
        aggregates.append(BoundAggregate(kind: .countStar, arguments: [], distinct: false, filter: nil, orderBy: [], returnType: .bigint, text: ""))
        let plan = LogicalPlan.aggregate(q.plan, AggregateSpec(keys: [], aggregates: aggregates, groupingSets: nil))
        let executor = PlanExecutor(snapshot: snapshot, engine: engine, threads: engine.options.parallelism, sideTables: sideTables,
                                    memory: memory, isCancelled: isCancelled)
        let chunk = try executor.run(plan)[0]
        var k = 0
        func next() -> (ScalarValue, LogicalType) {
            defer { k += 1 }
            return (chunk.columns[k].value(0), chunk.columns[k].type)
        }
        let total: Int128 = { if case .int(let n) = chunk.columns[aggregates.count - 1].value(0) { return n }; return 0 }()
        var rows: [[SQLValue]] = []
        for (i, t) in types.enumerated() {
            let (mn, mt) = next(), (mx, xt) = next(), (uniq, _) = next(), (cnt, _) = next()
            func text(_ v: ScalarValue, _ t: LogicalType) -> SQLValue { v.isNull ? .null : .string(Cast.text(v, t)) }
            var row: [SQLValue] = [.string(q.names[i]), .string(t.description), text(mn, mt), text(mx, xt), uniq.resultValue(.bigint)]
            if t.isNumeric {
                let (avg, _) = next(), (std, _) = next(), (q1, _) = next(), (q2, _) = next(), (q3, _) = next()
                row += [text(avg, .double), text(std, .double), text(q1, .double), text(q2, .double), text(q3, .double)]
            } else {
                row += [.null, .null, .null, .null, .null]
            }
            let nonNull: Int128 = { if case .int(let n) = cnt { return n }; return 0 }()
            row.append(.int(total))
            row.append(.double(total == 0 ? 0 : Double(total - nonNull) * 100 / Double(total)))
            rows.append(row)
        }
        return SQLResultTable(columns: columns, rows: rows, scannedRows: executor.rowsScanned)
    }
}
