import Foundation
import Hummingbird
import Tally

extension TallyService {
    /// Activity events in, counters and daily stats out.
    func addActivityRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/v1/projects/:project/activity") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let events = try ActivityBody.events(try await self.body(request), project: project, now: TallyService.nowMillis())
            try await self.blocking { try self.database.activity.record(contentsOf: events) }
            return JSONResponse(.object([("accepted", .int(events.count))]), status: .created)
        }
        router.get("/v1/projects/:project/counters") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            return JSONResponse(.object([("project", .string(project)), ("counters", .counters(try self.database.activity.counters(project: project)))]))
        }
        router.get("/v1/projects/:project/daily-stats") { request, context in
            let project = try Self.project(context)
            _ = try self.authorize(request, project: project)
            let window = try RequestParameters(request).window()
            let days = try await self.blocking { try self.database.activity.dailyStats(project: project, window: window) }
            return JSONResponse(.object([("project", .string(project)), ("window", .window(window)), ("days", .array(days.map { .activityDay($0) }))]))
        }
    }
}
