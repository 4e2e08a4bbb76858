import Foundation

/// The settings a connection keeps between statements: what `SET memory_limit` and
/// `SET temp_directory` change (and `RESET` restores), read by each statement as it
/// starts. The REPL, `tally query --file` and a library caller each hold one; a
/// statement run without one gets the defaults.
package final class SQLSession: @unchecked Sendable {
    private let lock = NSLock()
    private var memoryLimitValue: Int?
    private var tempDirectoryValue: String?
    private var latestMemory: StatementMemory?
    private var timeZoneValue: SessionZone = .utc

    /// A session with every setting at its default.
    package init() {}

    /// `SET memory_limit` in bytes; nil: the default (`MemoryBudget.defaultLimit`).
    package var memoryLimit: Int? {
        get { lock.withLock { memoryLimitValue } }
        set { lock.withLock { memoryLimitValue = newValue } }
    }

    /// `SET temp_directory`; nil: the system's temporary folder.
    package var tempDirectory: String? {
        get { lock.withLock { tempDirectoryValue } }
        set { lock.withLock { tempDirectoryValue = newValue } }
    }

    /// `SET TimeZone`: the zone TIMESTAMP WITH TIME ZONE values are shown and taken apart
    /// in (UTC by default). Statements are bound in it (`SQLQuery.prepare(_:timeZone:)`).
    package var timeZone: SessionZone {
        get { lock.withLock { timeZoneValue } }
        set { lock.withLock { timeZoneValue = newValue } }
    }

    /// A fresh budget and spill folder for one statement under the current settings.
    package func statementMemory() -> StatementMemory {
        lock.withLock {
            let memory = StatementMemory(limit: memoryLimitValue, tempDirectory: tempDirectoryValue)
            latestMemory = memory
            return memory
        }
    }

    /// The budget and spill folder of the statement started last (a shell that stops
    /// waiting for a cancelled statement checks whether it left files to wait for).
    package var latestStatementMemory: StatementMemory? { lock.withLock { latestMemory } }

    /// Applies a bound `SET` (a nil value: `RESET`).
    func apply(_ setting: SessionSetting) {
        switch setting {
        case .timeZone(let zone): timeZone = zone ?? .utc
        case .none: break
        case .memoryLimit(let bytes): memoryLimit = bytes
        case .tempDirectory(let path): tempDirectory = path
        }
    }

    /// The current value of a setting as `current_setting()` shows it.
    package func currentValue(_ name: String) -> String? {
        switch name {
        case "memory_limit", "max_memory": return MemorySize.format(memoryLimit ?? MemoryBudget.defaultLimit)
        case "temp_directory": return tempDirectory ?? ""
        case "timezone": return timeZone.name
        default: return nil
        }
    }
}

/// A `SET` or `RESET` the binder accepted, with its value checked (nil: the default).
enum SessionSetting: Sendable {
    /// SET TimeZone (nil: RESET, back to UTC).
    case timeZone(SessionZone?)
    /// A RESET of a setting Tally does not have: nothing to undo.
    case none
    case memoryLimit(Int?)
    case tempDirectory(String?)
}
