import TallySystem
import TallyFormat
/// What can go wrong with an activity log, with where and what to do.
public enum ActivityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An event breaks the rules (empty project, negative iteration count); nothing of the
    /// batch was stored. `index` is its position in the batch, if it was one.
    case invalidEvent(field: String, value: String, reason: String, index: Int?)
    /// A log frame before the last one fails its checksum: the file was damaged after it
    /// was written (a torn last frame is not this: it is dropped on open).
    case corrupt(path: String, offset: Int, reason: String)
    /// The log was opened read-only and a write was attempted.
    case readOnly(path: String)
    /// Another process holds the activity log's write lock.
    case locked(path: String)
    /// The log has been closed.
    case closed
    /// An event would take a counter past `Int64.max` (`total + adding`); nothing of the
    /// batch was stored. `project` and `index` (the event's position in a batch of
    /// several) are nil when raised by `ActivityCounters.apply` itself.
    case counterOverflow(counter: String, total: Int64, adding: Int64, project: String?, index: Int?)

    public var description: String {
        switch self {
        case let .invalidEvent(field, value, reason, index):
            let at = index.map { " (event \($0))" } ?? ""
            return "invalid activity event\(at): field '\(field)' value '\(value)': \(reason)"
        case let .corrupt(path, offset, reason):
            return "corrupt activity log \(path) at byte \(offset): \(reason); move the file aside to keep the events before it"
        case let .readOnly(path):
            return "the activity log in \(path) is open read-only; open it for writing to append"
        case let .locked(path):
            return "the activity log is locked for writing by another process (\(path)); close that process or open it read-only"
        case .closed:
            return "the activity log is closed"
        case let .counterOverflow(counter, total, adding, project, index):
            let of = project.map { " of project '\($0)'" } ?? "", at = index.map { " (event \($0))" } ?? ""
            return "activity counter '\(counter)'\(of) is at \(total); adding \(adding)\(at) would pass its maximum \(Int64.max): "
                + "nothing was counted or stored; post counts that keep the total within range"
        }
    }

    /// The error with the project and the batch position filled in, for a counter
    /// overflow raised by `ActivityCounters.apply` (which knows neither); others as is.
    func located(project: String, index: Int?) -> ActivityError {
        guard case let .counterOverflow(counter, total, adding, _, _) = self else { return self }
        return .counterOverflow(counter: counter, total: total, adding: adding, project: project, index: index)
    }
}
