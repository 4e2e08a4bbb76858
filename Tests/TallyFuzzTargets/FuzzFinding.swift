/// A property an input broke without crashing (two paths that must agree disagreed, a
/// reader made no progress). The fuzzer traps on it so libFuzzer keeps the input; the
/// corpus replay in `FuzzTests` reports it as a failed expectation.
package struct FuzzFinding: Error, CustomStringConvertible {
    /// The target that ran the input.
    package let target: FuzzTarget
    /// What went wrong, in words.
    package let message: String

    /// Creates a finding.
    package init(_ target: FuzzTarget, _ message: String) {
        self.target = target
        self.message = message
    }

    /// The finding as one line.
    package var description: String { "fuzz target \(target.rawValue): \(message)" }
}
