import Hummingbird
import Tally

extension TallyService {
    /// Usage ingest and the usage questions of a project.
    func addUsageRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/v1/projects/:project/usage") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let bytes = try await self.body(request)
            let records = try UsageBody.records(bytes, project: project)
            let idempotencyKey = try Self.idempotencyKey(request)
            if idempotencyKey != nil || records.contains(where: { $0.requestId != nil }) {
                // A batch a client may send again: committed in its own transaction that
                // leaves out stored request ids and refuses a key committed before (the
                // key is the project's own: two projects may use the same one).
                let result = try await self.blocking {
                    try self.database.ingest(records, idempotencyKey: idempotencyKey.map { project + "\u{0}" + $0 })
                }
                return JSONResponse(.object([
                    ("accepted", .int(result.rowsStored)), ("already_stored", .int(result.rowsAlreadyStored)),
                    ("duplicate_batch", .bool(result.duplicateBatch)),
                ]), status: result.duplicateBatch ? .ok : .created)
            }
            // All or nothing: append validates and prices the whole batch before buffering
            // any of it; the flush that follows publishes it in one manifest commit.
            try await self.blocking {
                try self.database.append(contentsOf: records)
                try self.database.flush()
            }
            return JSONResponse(.object([("accepted", .int(records.count))]), status: .created)
        }
        router.get("/v1/projects/:project/usage/summary") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let p = RequestParameters(request)
            let window = try p.window()
            if try p.bool("compare") {
                let c = try await self.blocking { try self.database.summaryComparison(project: project, window: window) }
                return JSONResponse(.object([("project", .string(project)), ("window", .window(window)), ("comparison", .comparison(c))]))
            }
            let s = try await self.blocking { try self.database.summary(project: project, window: window) }
            return JSONResponse(.object([("project", .string(project)), ("window", .window(window)), ("summary", .summary(s))]))
        }
        router.get("/v1/projects/:project/usage/by-day") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let p = RequestParameters(request)
            let window = try p.window()
            let name = p.string("bucket") ?? "day"
            guard let bucket = TimeBucket(rawValue: name), bucket != .hour else {
                throw APIError.badRequest("'bucket' must be day, week or month", field: "bucket", value: name)
            }
            let series = try await self.blocking { try self.database.usageSeries(project: project, window: window, bucket: bucket) }
            return JSONResponse(.object([("project", .string(project)), ("window", .window(window)), ("bucket", .string(name)),
                                         ("days", .array(series.map { .bucket($0, key: "date") }))]))
        }
        router.get("/v1/projects/:project/usage/by-service") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let window = try RequestParameters(request).window()
            let rows = try await self.blocking { try self.database.usageByService(project: project, window: window) }
            return JSONResponse(.object([("project", .string(project)), ("window", .window(window)),
                                         ("services", .array(rows.map { .bucket($0, key: "service") }))]))
        }
        router.get("/v1/projects/:project/usage/by-model") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let window = try RequestParameters(request).window()
            let rows = try await self.blocking { try self.database.usageByModel(project: project, window: window) }
            return JSONResponse(.object([("project", .string(project)), ("window", .window(window)),
                                         ("models", .array(rows.map { .bucket($0, key: "model_id") }))]))
        }
        router.get("/v1/projects/:project/usage/aggregate") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let p = RequestParameters(request)
            let window = try p.window()
            let keys = try AggregateParameters.groupKeys(p.string("groupBy") ?? "")
            var filters = [RowFilter]()
            for name in ["service", "unit", "model", "tool", "step", "user"] {
                if let v = p.string(name), let dim = AggregateParameters.dimension(name) {
                    filters.append(.oneOf(dim, v.split(separator: ",").map { .string(String($0)) }))
                }
            }
            if try p.bool("tokens") { filters.append(.tokenUnits) }
            let limit = try p.int("limit", in: 1...100_000)
            let rowFilters = filters
            let result = try await self.blocking {
                try self.database.aggregatedUsage(
                    project: project, window: window, groupBy: keys.map(\.key), filters: rowFilters,
                    orderBy: [OrderTerm(.aggregate(2), descending: true)], limit: limit)
            }
            let rows = result.map { row -> JSON in
                var members = keys.enumerated().map { ($0.element.name, JSON.value(row[$0.offset])) }
                members += [("records", .int(row["records"]?.int64 ?? 0)), ("quantity", .double(row["quantity"]?.double ?? 0)),
                            ("cost_usd", .usd(row["cost_usd"]?.nanos ?? 0))]
                return .object(members)
            }
            return JSONResponse(.object([("project", .string(project)), ("window", .window(window)),
                                         ("group_by", .array(keys.map { .string($0.name) })), ("rows", .array(rows))]))
        }
    }
}
