/// FROM `read_csv(path, ...)` / `read_parquet(path)` / `'path.csv'`: a local file, read
/// once when the statement is bound (its columns' names and types come from the file) into
/// one chunk the plan scans, as `generate_series` makes its rows.
extension SelectBinder {
    /// The file as a relation named by its alias, else by the function (or, for
    /// `FROM 'path'`, by the file's name without its extension).
    func bindFileTable(_ f: SyntaxTableFunction) throws(SQLError) -> BoundFrom {
        let usage = "\(f.name)('file'\(f.name.hasPrefix("read_csv") ? ", delim=',', header=true, types={'col': 'VARCHAR'}" : ""))"
        guard let first = f.arguments.first, FileTableArguments.named(first) == nil else {
            throw SQLError(.invalidArgument, "\(f.name)() needs the file's path first", at: f.range, hint: usage)
        }
        let path = try fileArgument(first, f.name)
        var parameters: [(name: String, value: ScalarValue, type: LogicalType, range: SourceRange)] = []
        for a in f.arguments.dropFirst() {
            guard let (name, valueSyntax) = FileTableArguments.named(a) else {
                throw SQLError(.invalidArgument, "\(f.name)() takes the path, then named parameters (name=value)", at: a.range, hint: usage)
            }
            let (value, type) = try constant(valueSyntax, "\(name)=")
            parameters.append((name, value, type, a.range))
        }
        let table: (names: [String], types: [LogicalType], rows: DataChunk)
        do {
            if f.name.hasPrefix("read_csv") {
                table = try CSVTable.read(path: path, options: try FileTableArguments.csvOptions(parameters))
            } else {
                if let p = parameters.first {
                    throw SQLError(.invalidArgument, "\(f.name)() takes no parameter \(p.name)", at: p.range, hint: "read_parquet('file.parquet')")
                }
                table = try ParquetTable.read(path: path)
            }
        } catch let e as FileTableError {
            throw e.sqlError(at: f.range)
        } catch let e as SQLError {
            throw e
        } catch {
            throw SQLError(.invalidArgument, "\(path): \(error)", at: f.range)
        }
        let node = TableNode(source: .file(function: f.name, path: path, rows: table.rows), names: table.names, types: table.types, range: f.range)
        var name = f.name
        if f.isReplacementScan {
            let file = path.split(separator: "/").last.map(String.init) ?? path
            name = file.split(separator: ".").first.map(String.init) ?? file
        }
        return try bindTable(node, alias: f.alias?.name, columnAliases: f.alias?.columnAliases ?? [], defaultName: name, at: f.range)
    }

    /// The path: a constant string.
    func fileArgument(_ e: SyntaxExpression, _ function: String) throws(SQLError) -> String {
        let (value, _) = try constant(e, "the path")
        guard case .string(let path) = value else {
            throw SQLError(.invalidArgument, "\(function)() reads one file, named by a string", at: e.range, hint: "\(function)('data/teams.csv')")
        }
        return path
    }

    /// An argument's value: a constant expression, evaluated now.
    func constant(_ e: SyntaxExpression, _ what: String) throws(SQLError) -> (ScalarValue, LogicalType) {
        let binder = ExpressionBinder(sql: sql, scope: nil, zone: zone)
        let bound = try binder.bind(e, .other)
        guard bound.referencedColumns.isEmpty, !bound.containsSubquery else {
            throw SQLError(.invalidArgument, "\(what) must be a constant", at: e.range, hint: "write the value itself")
        }
        return (try ExpressionEvaluator.evaluate(bound, DataChunk(columns: [], count: 1)).value(0), bound.type)
    }
}
