/// One column of a query result: its name (the alias, the column name, or the
/// expression as SQL) and the type of every non-null value in it.
public struct ResultColumn: Sendable, Hashable {
    /// The header.
    public var name: String
    /// The type of its values.
    public var type: ResultType

    /// A column of `name` and `type`.
    public init(name: String, type: ResultType) {
        self.name = name
        self.type = type
    }
}
