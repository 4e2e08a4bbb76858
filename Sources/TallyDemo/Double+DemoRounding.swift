import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
extension Double {
    /// The nearest integer for the non-negative quantities of demo data (halves round up).
    ///
    /// `floor(x + 0.5)` compiles to one instruction, where `rounded()` calls into libm;
    /// both are exact IEEE operations, so the result is the same on every machine.
    @inline(__always)
    var roundedHalfUp: Double { (self + 0.5).rounded(.down) }
}
