import TallySystem
extension Duration {
    /// The duration in seconds, for rates and progress displays.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
