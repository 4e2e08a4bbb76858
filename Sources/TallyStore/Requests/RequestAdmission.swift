/// What an import does with a row that carries a request id.
package enum RequestAdmission: Sendable, Equatable {
    /// The key is new: the row is stored as it is.
    case keep
    /// The key is stored with at least this quantity (a repeat): the row is left out.
    case skip
    /// The key is stored with a smaller quantity: the row is stored with only the growth,
    /// this quantity, so that the key's rows add up to the runtime's latest count.
    ///
    /// Why: a runtime that streams a call writes its usage more than once, a placeholder
    /// first and the final count last (Claude Code's per-block lines); a file imported
    /// while it grew may have stored the placeholder. Skipping the final count would keep
    /// the placeholder forever; storing it whole would count the call twice.
    case topUp(Double)
}
