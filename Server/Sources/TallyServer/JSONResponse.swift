import Hummingbird

/// A JSON answer with a status.
public struct JSONResponse: ResponseGenerator, Sendable {
    /// The body.
    public var body: JSON
    /// The HTTP status.
    public var status: HTTPResponse.Status

    /// A response of `body`, 200 unless told.
    public init(_ body: JSON, status: HTTPResponse.Status = .ok) {
        self.body = body
        self.status = status
    }

    /// The HTTP response.
    public var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body.text + "\n")))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response { response }
}
