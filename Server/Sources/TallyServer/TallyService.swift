import Foundation
import Hummingbird
import Logging
import NIOPosix
import Tally

/// The host service: a store, its activity log and API keys behind JSON over HTTP.
///
/// Every answer comes from the library's `Database` (its questions, activity log and
/// keys), run on a thread pool because they block on disk. An ingest is acknowledged only after
/// the flush that made it durable returned; requests that arrive during a flush are
/// written together by the next one (group commit).
public final class TallyService: Sendable {
    /// The store folder.
    public let storePath: String
    /// The plan every project is on.
    public let plan: PlanSettings
    /// The database: records, rate card, activity log and keys.
    let database: Database
    /// The largest request body accepted.
    let maxBodyBytes = 32 << 20

    /// Opens the store at `storePath` for writing (pricing records without a cost from its
    /// rate card), with its activity log and keys.
    public init(storePath: String, plan: PlanSettings) throws {
        guard (1...31).contains(plan.anchorDay) else {
            throw APIError.badRequest("the plan's anchor day \(plan.anchorDay) is not in 1...31")
        }
        self.storePath = storePath
        self.plan = plan
        database = try Database(path: storePath)
    }

    /// Makes everything acknowledged durable, checkpoints the counters and releases the store.
    public func close() throws {
        try database.close()
    }

    /// The router with every endpoint.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in JSONResponse(.object([("status", .string("ok"))])) }
        addUsageRoutes(router)
        addRunRoutes(router)
        addActivityRoutes(router)
        addQuotaRoutes(router)
        return router
    }

    /// Serves on `host`:`port` (0 = any free port) until SIGTERM or SIGINT, then stops
    /// accepting, lets requests in flight finish, and closes the store (flushing it).
    /// `onListening` receives the bound port.
    public func run(host: String, port: Int, logger: Logger? = nil, onListening: @escaping @Sendable (Int) -> Void) async throws {
        var log = logger ?? Logger(label: "tally-server")
        if logger == nil { log.logLevel = .warning }
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "tally-server"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: log)
        do {
            try await app.runService()
        } catch {
            try? close()
            throw error
        }
        try close()
    }

    // MARK: Shared pieces

    /// Now, in milliseconds since 1970 (the default time of events posted without one).
    static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// The project of the request's bearer key: 401 without a valid key, 403 when the key
    /// belongs to another project than `project` (when one is named by the path).
    func authorize(_ request: Request, project: String?) throws -> String {
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, code: "unauthorized", message: "no API key; send 'Authorization: Bearer tly_...' (create one with `tally keys create`)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let owner = database.keys.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, code: "unauthorized", message: "the API key is unknown or revoked")
        }
        if let project, project != owner {
            throw APIError(.forbidden, code: "forbidden", message: "this API key is for another project; use a key of project '\(project)'", field: "project", value: project)
        }
        return owner
    }

    /// Runs blocking library work off the server's event loops, mapping library errors
    /// to JSON errors.
    func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive { try work() }
        } catch let e as APIError {
            throw e
        } catch let e as StorageError {
            switch e {
            case let .invalidRecord(field, value, reason, index):
                let at = index.map { "record \($0): " } ?? ""
                throw APIError(.unprocessableContent, code: "invalid_record", message: "\(at)field '\(field)': value '\(value)' \(reason)", field: field, value: value)
            case .closed:
                throw APIError(.serviceUnavailable, code: "shutting_down", message: "the server is shutting down; retry against the new instance")
            default:
                throw APIError(.internalServerError, code: "storage_error", message: e.description)
            }
        } catch let e as ActivityError {
            if case let .invalidEvent(field, value, _, _) = e {
                throw APIError(.unprocessableContent, code: "invalid_event", message: e.description, field: field, value: value)
            }
            // The client's count, not the server, is at fault: nothing was stored.
            if case let .counterOverflow(_, _, adding, _, _) = e {
                throw APIError(.unprocessableContent, code: "counter_overflow", message: e.description, field: "count", value: String(adding))
            }
            throw APIError(.internalServerError, code: "activity_error", message: e.description)
        } catch let e as ExecutionError {
            throw APIError(.badRequest, code: "invalid_query", message: e.description)
        } catch {
            throw APIError(.internalServerError, code: "internal_error", message: "\(error)")
        }
    }

    /// The whole request body.
    func body(_ request: Request) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: maxBodyBytes)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(maxBodyBytes) bytes; send smaller batches")
        }
    }

    static func project(_ context: BasicRequestContext) throws -> String {
        guard let p = try pathParameter(context, "project"), !p.isEmpty else { throw APIError.badRequest("no project in the path", field: "project") }
        return p
    }

    /// The path parameter `name`, percent-decoded. Hummingbird hands path parameters over
    /// as they were sent, so `café team` arrives as `caf%C3%A9%20team`; every handler reads
    /// its parameters through here, so each is decoded exactly once. `+` stays `+`: only
    /// query strings use it for a space.
    static func pathParameter(_ context: BasicRequestContext, _ name: String) throws -> String? {
        guard let raw = context.parameters.get(name) else { return nil }
        guard let decoded = PercentDecoding.decode(raw) else {
            throw APIError.badRequest("the \(name) in the path, '\(raw)', is not valid percent-encoding; write % only as %25, and each other encoded byte as % and two hex digits of its UTF-8", field: name, value: raw)
        }
        return decoded
    }
}
