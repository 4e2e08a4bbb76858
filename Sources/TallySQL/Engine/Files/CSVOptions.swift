/// How `read_csv` reads a file: DuckDB's named parameters that Tally supports, each
/// detected from the file when not given.
struct CSVOptions {
    /// `delim=` / `sep=`: the field separator (sniffed from `,` `|` `;` tab when nil).
    var delimiter: UInt8?
    /// `quote=`: the quote byte.
    var quote = UInt8(ascii: "\"")
    /// `escape=`: the byte escaping a quote in a quoted field (the quote when nil).
    var escape: UInt8?
    /// `header=`: whether the first row names the columns (sniffed when nil).
    var header: Bool?
    /// `columns={'name': 'TYPE', ...}`: every column's name and type, in order.
    var columns: [(name: String, type: LogicalType)]?
    /// `types=` / `dtypes=` / `column_types=` as a struct: types of the named columns.
    var typesByName: [(name: String, type: LogicalType)] = []
    /// `types=[...]` as a list: types of the first columns.
    var typesByPosition: [LogicalType] = []
    /// `names=` / `column_names=`: new names for the first columns.
    var names: [String] = []
    /// `all_varchar=true`: every column is VARCHAR (no sniffing).
    var allVarchar = false
    /// `nullstr=`: text that means NULL (besides the empty field).
    var nullString: String?

    /// The parameter names `read_csv` accepts, for the error naming an unknown one.
    static let parameterNames = [
        "delim", "sep", "quote", "escape", "header", "columns", "types", "dtypes", "column_types", "names", "column_names",
        "all_varchar", "nullstr", "auto_detect",
    ]
}
