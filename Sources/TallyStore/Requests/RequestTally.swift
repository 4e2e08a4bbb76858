/// How many rows of an import the request index left out or reduced.
package struct RequestTally: Sendable, Equatable {
    /// Rows left out: their (project, capture source, request id, unit) was stored already.
    package var skipped = 0
    /// Rows stored with only the growth of a key stored with a smaller quantity.
    package var toppedUp = 0

    /// No row left out or reduced.
    package init() {}

    /// Adds another tally.
    package static func += (a: inout RequestTally, b: RequestTally) {
        a.skipped += b.skipped
        a.toppedUp += b.toppedUp
    }
}
