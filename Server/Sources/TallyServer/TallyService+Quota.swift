import Foundation
import Hummingbird
import Tally

extension TallyService {
    /// The plan's quotas for the key's project: `limit`, `used`, `remaining`,
    /// `window_start`, `window_end`. A null `limit` means unlimited; a null `used` means
    /// the figure is momentarily unavailable (the store could not be read), and then
    /// `remaining` is null too.
    func addQuotaRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/api/v2/quota/tokens") { request, _ in
            let project = try self.authorize(request, project: nil)
            let now = TallyService.nowMillis()
            let plan = self.plan
            do {
                let q = try await self.blocking {
                    try self.database.quotaWindow(project: project, containing: now, anchorDay: plan.anchorDay,
                                                   limit: plan.monthlyTokenAllowance, timeZone: plan.timeZone)
                }
                return JSONResponse(Self.quota(limit: q.limit.map(JSON.double), used: .double(q.used), remaining: q.remaining.map(JSON.double),
                                               start: .instant(q.start), end: .instant(q.end)))
            } catch {
                return JSONResponse(Self.quota(limit: plan.monthlyTokenAllowance.map(JSON.double), used: nil, remaining: nil, start: .null, end: .null))
            }
        }
        router.get("/api/v2/sessions/quota") { request, _ in
            let project = try self.authorize(request, project: nil)
            let now = JSON.instant(TallyService.nowMillis())
            let q = try self.database.activity.sessionQuota(project: project, cap: self.plan.sessionCap)
            // Concurrency has no period: the window is the instant the count was taken.
            return JSONResponse(Self.quota(limit: q.limit.map { .int($0) }, used: .int(q.used), remaining: q.remaining.map { .int($0) }, start: now, end: now))
        }
    }

    static func quota(limit: JSON?, used: JSON?, remaining: JSON?, start: JSON, end: JSON) -> JSON {
        .object([("limit", limit ?? .null), ("used", used ?? .null), ("remaining", remaining ?? .null), ("window_start", start), ("window_end", end)])
    }
}
