import Foundation

/// `read_csv(path, ...)`: a CSV file as one chunk, its delimiter, header and column types
/// detected as DuckDB detects them unless given (`CSVOptions`).
enum CSVTable {
    /// The file's column names, types and rows.
    static func read(path: String, options: CSVOptions) throws(FileTableError) -> (names: [String], types: [LogicalType], rows: DataChunk) {
        let bytes = try FileBytes.read(path)
        let quote = options.quote, escape = options.escape ?? options.quote
        let delimiter = options.delimiter ?? CSVParser.sniffDelimiter(bytes, quote: quote, escape: escape)
        let rows: CSVParser.Rows
        do {
            rows = try CSVParser(delimiter: delimiter, quote: quote, escape: escape).parse(bytes)
        } catch {
            throw FileTableError("\(path), line \(error.line): \(error.reason)")
        }
        var parsed = rows
        if let null = options.nullString {
            for i in parsed.fields.indices where parsed.fields[i] == null { parsed.fields[i] = nil }
        }
        let width = options.columns?.count ?? (parsed.count > 0 ? parsed.width(0) : 0)
        guard width > 0 else {
            throw FileTableError("\(path) has no rows to read columns from", hint: "give them with columns={'name': 'TYPE', ...}")
        }
        for r in 0..<parsed.count where parsed.width(r) != width {
            let found = parsed.width(r)
            throw FileTableError("\(path), line \(parsed.lines[r]): \(found) field\(found == 1 ? "" : "s") where the file's rows have \(width)",
                                 hint: delimiterHint(delimiter, given: options.delimiter != nil))
        }
        // Without header= the header test sniffs the types too; with it, they are sniffed
        // below when needed.
        let sniffed = options.header == nil ? CSVTypeSniffer.header(parsed, width: width) : nil
        let header = options.header ?? sniffed!.hasHeader
        let first = header ? 1 : 0
        var names: [String] = (0..<width).map { c in
            let generated = "column" + (width > 10 && c < 10 ? "0" : "") + String(c)
            return header ? (parsed.field(0, c) ?? generated) : generated
        }
        var types: [LogicalType]
        if let columns = options.columns {
            names = columns.map(\.name)
            types = columns.map(\.type)
        } else if options.allVarchar {
            types = Array(repeating: .varchar, count: width)
        } else {
            types = sniffed?.types ?? CSVTypeSniffer.types(parsed, width: width, from: first)
        }
        for (i, n) in options.names.enumerated() where i < width { names[i] = n }
        for (i, t) in options.typesByPosition.enumerated() where i < width { types[i] = t }
        for (name, t) in options.typesByName {
            guard let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw FileTableError("\(path) has no column \(name) to give a type", hint: "its columns are \(names.joined(separator: ", "))")
            }
            types[i] = t
        }
        var columns: [ColumnVector] = []
        for c in 0..<width {
            var builder = VectorBuilder(type: types[c], capacity: parsed.count - first)
            for r in first..<parsed.count {
                guard let text = parsed.field(r, c) else { builder.append(.null); continue }
                guard let value = CSVValue.read(text, as: types[c]) else {
                    throw FileTableError("\(path), line \(parsed.lines[r]), column \(names[c]): '\(text)' is not a \(types[c])",
                                         hint: "read the column as text with types={'\(names[c])': 'VARCHAR'} and convert it in the query")
                }
                builder.append(value)
            }
            columns.append(builder.finish())
        }
        return (names, types, DataChunk(columns: columns, count: parsed.count - first))
    }

    static func delimiterHint(_ delimiter: UInt8, given: Bool) -> String {
        let shown = delimiter == UInt8(ascii: "\t") ? "\\t" : String(UnicodeScalar(delimiter))
        return given ? "every row needs the same number of fields separated by '\(shown)'"
            : "the delimiter was taken to be '\(shown)'; give it with delim=',' (or '|', ';', '\\t')"
    }
}
