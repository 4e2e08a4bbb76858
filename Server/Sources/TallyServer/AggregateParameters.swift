import Tally

/// The `groupBy` vocabulary of `/usage/aggregate`: short names (`model`, `tool`, `day`)
/// and every schema dimension name (`model_id`, `step_type`, ...).
enum AggregateParameters {
    static let aliases: [String: UsageDimension] = [
        "model": .modelId, "tool": .toolId, "step": .stepType, "user": .userId, "persona": .personaId, "run": .runId,
        "sandbox": .sandboxId, "chain": .chainId, "session": .issueSessionId,
    ]

    static func dimension(_ name: String) -> UsageDimension? {
        aliases[name] ?? UsageDimension(name: name)
    }

    /// The group keys named in `text` (comma-separated), each with the name it is shown as.
    static func groupKeys(_ text: String) throws -> [(name: String, key: GroupKey)] {
        try text.split(separator: ",").map(String.init).filter { !$0.isEmpty }.map { name in
            if name == "date" || name == "day" { return (name, .time(.day)) }
            if let bucket = TimeBucket(rawValue: name) { return (name, .time(bucket)) }
            guard let dim = dimension(name), dim != .projectId else {
                throw APIError.badRequest(
                    "'groupBy' names an unknown column; use model, tool, step, user, persona, run, service, unit, day, week, month or a schema column name",
                    field: "groupBy", value: name)
            }
            return (name, .dimension(dim))
        }
    }
}
