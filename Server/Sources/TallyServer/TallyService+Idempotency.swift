import Hummingbird

extension TallyService {
    /// The longest `Idempotency-Key` accepted: keys are kept in the store's manifest.
    static let maxIdempotencyKeyLength = 255

    /// The request's `Idempotency-Key` header (nil without one). A key is printable ASCII
    /// of 1 to 255 characters, as the IETF draft and common APIs use (a UUID fits).
    static func idempotencyKey(_ request: Request) throws -> String? {
        // By the field's canonical (lower-case) name: header names are case-insensitive.
        guard let key = request.headers.first(where: { $0.name.canonicalName == "idempotency-key" })?.value else { return nil }
        guard !key.isEmpty, key.utf8.count <= maxIdempotencyKeyLength, key.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw APIError.badRequest(
                "'Idempotency-Key' must be 1 to \(maxIdempotencyKeyLength) printable ASCII characters (a UUID, for example)",
                field: "Idempotency-Key", value: String(key.prefix(80)))
        }
        return key
    }
}
