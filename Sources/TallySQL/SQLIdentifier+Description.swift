import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
extension SQLIdentifier: CustomStringConvertible {
    /// The identifier as normalised SQL: lower case if unquoted, in double quotes if it was
    /// quoted or would not read back as the same name without them.
    package var description: String {
        let name = normalized
        if !isQuoted, SQLKeywords.isPlainIdentifier(name) { return name }
        return SQLKeywords.quoted(name, with: "\"")
    }
}
