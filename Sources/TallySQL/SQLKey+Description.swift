import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
extension SQLKey: CustomStringConvertible {
    /// The position number or the expression as normalised SQL.
    package var description: String {
        switch self {
        case .position(let p, _): return String(p)
        case .expression(let e): return e.description
        }
    }
}
