import TallySystem
/// Where the string fields of `UsageRecord` sit in memory, so that the write path can
/// compare their raw bits in place (see `StringBits`) instead of copying each string,
/// which would retain and release it.
package enum UsageRecordLayout {
    /// A string field: its column slot, its position in `Column.stringColumns`, byte
    /// offset, and whether it is `String?`.
    struct StringField {
        var slot: Int
        var index: Int
        var offset: Int
        var optional: Bool
    }

    /// Bytes from one record to the next in contiguous storage.
    static let stride = MemoryLayout<UsageRecord>.stride

    /// Every string column except `project_id` (the partition key, held per buffer).
    static let stringFields: [StringField] = {
        // `String?` must be exactly a `String`'s 16 bytes (nil as a spare bit pattern)
        // for the bit comparison to cover both kinds of field.
        precondition(MemoryLayout<String?>.size == 16 && MemoryLayout<String>.size == 16)
        func field(_ c: Column, _ path: PartialKeyPath<UsageRecord>, optional: Bool = true) -> StringField {
            StringField(
                slot: Int(c.rawValue), index: Column.stringColumns.firstIndex(of: c)!, offset: MemoryLayout<UsageRecord>.offset(of: path)!, optional: optional)
        }
        return [
            field(.service, \.service, optional: false), field(.unit, \.unit, optional: false),
            field(.runId, \.runId), field(.sandboxId, \.sandboxId), field(.chainId, \.chainId),
            field(.issueSessionId, \.issueSessionId), field(.toolId, \.toolId), field(.modelId, \.modelId),
            field(.stepType, \.stepType), field(.userId, \.userId), field(.personaId, \.personaId),
            field(.captureSource, \.captureSource), field(.requestId, \.requestId),
        ]
    }()

    /// Byte offset of `service`.
    package static let serviceOffset = MemoryLayout<UsageRecord>.offset(of: \UsageRecord.service)!
    /// Byte offset of `unit`.
    package static let unitOffset = MemoryLayout<UsageRecord>.offset(of: \UsageRecord.unit)!
    /// Byte offset of `projectId`.
    package static let projectIdOffset = MemoryLayout<UsageRecord>.offset(of: \UsageRecord.projectId)!
}
