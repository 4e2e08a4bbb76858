import Hummingbird

/// An error answer: an HTTP status and `{"error": {"code", "message", "field", "value"}}`.
public struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `invalid_record`, `unauthorized`.
    public var code: String
    /// What went wrong and what to do.
    public var message: String
    /// The request field at fault, if one is.
    public var field: String?
    /// The offending value, if one is.
    public var value: String?

    /// Creates an error answer.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, value: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.value = value
    }

    /// 400 for a bad query parameter or body field.
    public static func badRequest(_ message: String, field: String? = nil, value: String? = nil) -> APIError {
        APIError(.badRequest, code: "invalid_request", message: message, field: field, value: value)
    }

    /// The JSON body.
    public var json: JSON {
        .object([("error", .object([
            ("code", .string(code)), ("message", .string(message)),
            ("field", .optional(field) { .string($0) }), ("value", .optional(value) { .string($0) }),
        ]))])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse(json, status: status).response
    }
}
