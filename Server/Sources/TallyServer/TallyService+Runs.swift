import Hummingbird
import Tally

extension TallyService {
    /// The run questions of a project.
    func addRunRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/v1/projects/:project/runs/costs") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let ids = (RequestParameters(request).string("ids") ?? "").split(separator: ",").map(String.init)
            guard !ids.isEmpty else { throw APIError.badRequest("'ids' must list run ids, comma-separated", field: "ids") }
            guard ids.count <= 10_000 else { throw APIError.badRequest("'ids' lists more than 10000 runs; ask in parts", field: "ids") }
            let costs = try await self.blocking { try self.database.runCosts(project: project, runIds: ids) }
            let runs = ids.map { id -> JSON in
                let c = costs[id]!
                return .object([("run_id", .string(id)), ("cost_usd", .usd(c.costNanos)), ("records", .int(c.records))])
            }
            return JSONResponse(.object([("project", .string(project)), ("runs", .array(runs))]))
        }
        router.get("/v1/projects/:project/runs/:run") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let run = try Self.pathParameter(context, "run") ?? ""
            let detail = try await self.blocking { try self.database.runDetail(project: project, runId: run) }
            guard !detail.steps.isEmpty else {
                throw APIError(.notFound, code: "not_found", message: "no usage of run '\(run)' in project '\(project)'", field: "run", value: run)
            }
            return JSONResponse(.runDetail(detail))
        }
        router.get("/v1/projects/:project/runs/:run/context") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let run = try Self.pathParameter(context, "run") ?? ""
            let days = try RequestParameters(request).int("days", in: 1...3660) ?? 30
            guard let c = try await self.blocking({ try self.database.runContext(project: project, runId: run, trailingDays: days) }) else {
                throw APIError(.notFound, code: "not_found", message: "no usage of run '\(run)' in project '\(project)'", field: "run", value: run)
            }
            return JSONResponse(.runContext(c))
        }
    }
}
