import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
// How a run is set up and what rows each of its events emits.

extension DemoDataGenerator {
    /// Starts a run at `ts` in a project drawn by size among those active today.
    mutating func startRun(at ts: Int64) {
        let t = timelinePosition
        let p = rng.pick(cumulative: projectCumulative, count: activeProjects)
        var run = DemoRun()
        run.projectIndex = p
        run.projectId = projects[p].id
        run.runId = DemoIdentifiers.uuid(&rng)

        let roll = rng.unit()
        run.kind = roll < 0.30 ? .issue : (roll < 0.45 ? .chat : .sprint)
        switch run.kind {
        case .chat: run.stepCount = rng.chance(0.75) ? 1 : rng.int(in: 2...3)
        case .issue: run.stepCount = 1 + Swift.min(5, Int(rng.exponential() * 1.6))
        case .sprint: run.stepCount = 2 + Swift.min(8, Int(rng.exponential() * 2.2))
        }

        if run.kind == .issue {
            if projects[p].issueRemaining > 0, let session = projects[p].issueSessionId {
                run.issueSessionId = session
                projects[p].issueRemaining -= 1
            } else {
                let session = DemoIdentifiers.base36(&rng, prefix: "iss_", count: 10)
                run.issueSessionId = session
                projects[p].issueSessionId = session
                projects[p].issueRemaining = rng.below(3)
            }
        }
        if rng.chance(run.kind == .chat ? 0.15 : 0.6) {
            if projects[p].chainRemaining > 0, let chain = projects[p].chainId {
                run.chainId = chain
                projects[p].chainRemaining -= 1
            } else {
                let chain = DemoIdentifiers.base36(&rng, prefix: "chain_", count: 8)
                run.chainId = chain
                projects[p].chainId = chain
                projects[p].chainRemaining = rng.int(in: 1...7)
            }
        }
        if run.kind != .chat || rng.chance(0.5) {
            run.sandboxId = DemoIdentifiers.base36(&rng, prefix: "", count: 20)
        }

        run.userId = projects[p].users[rng.pick(cumulative: projects[p].userCumulative)]
        if rng.chance(0.78) {
            let personas = projects[p].personas
            // Earlier personas of a project are used more.
            run.personaId = personas[Swift.min(rng.below(personas.count), rng.below(personas.count))]
        }

        let tool = rng.pick(cumulative: projects[p].toolCumulative)
        run.tool = tool
        run.toolId = DemoCatalog.toolIds[tool]
        let provider: DemoModel.Provider
        switch tool {
        case DemoCatalog.toolClaude: provider = .anthropic
        case DemoCatalog.toolCodex: provider = .openai
        case DemoCatalog.toolOpenCode:
            provider = rng.chance(0.6) ? .anthropic : .openai
            run.routed = rng.chance(0.3)
        default:
            provider = rng.chance(0.5) ? .anthropic : .openai
            run.routed = rng.chance(0.4)
        }
        run.model = chooseModel(provider: provider, small: false, at: t, adoption: projects[p].adoption)
        run.dated = tool == DemoCatalog.toolClaude && rng.chance(projects[p].datedModelRate)
        run.reportsCost = (tool == DemoCatalog.toolOpenCode || tool == DemoCatalog.toolPi) && rng.chance(0.16)
        run.reportsReasoning = provider == .openai && (tool != DemoCatalog.toolPi || rng.chance(0.5))
        run.usesOneHourCache = provider == .anthropic
            && (tool == DemoCatalog.toolClaude || (tool == DemoCatalog.toolPi && rng.chance(0.3)))
        let baseMedians: [Double] = [22_000, 11_000, 14_000, 9_000]
        run.baseContext = rng.logNormal(median: baseMedians[tool] * projects[p].contextScale, sigma: 0.2)

        if rng.chance(projects[p].apiCaptureRate) {
            run.captureSource = DemoCatalog.apiCaptureSource
            run.parserVersion = 1
        } else {
            run.captureSource = DemoCatalog.captureSources[tool]
            var version = 1
            for upgrade in DemoCatalog.parserUpgrades[tool] where t >= upgrade { version += 1 }
            // Some installations lag one parser version behind.
            if version > 1 && rng.chance(0.08) { version -= 1 }
            run.parserVersion = Int32(version)
        }

        run.nextTs = ts
        if rng.chance(0.7) {
            run.phase = .dispatch
        } else {
            beginStep(of: &run, at: ts + Int64(rng.logNormal(median: 3000, sigma: 0.6)))
        }
        _ = allocateSlot(run)
    }

    /// Picks a model of `provider`: a family by popularity (or a small one for light steps),
    /// then the newest released version, unless the project has not moved to it yet.
    mutating func chooseModel(provider: DemoModel.Provider, small: Bool, at t: Double, adoption: Double) -> Int {
        let family: Int
        if provider == .anthropic {
            family = small ? DemoCatalog.familyHaiku
                : DemoCatalog.anthropicFamilies[rng.pick(cumulative: DemoCatalog.anthropicFamilyCumulative)]
        } else {
            family = small ? (rng.chance(0.7) ? DemoCatalog.familyMini : DemoCatalog.familyNano)
                : DemoCatalog.openaiFamilies[rng.pick(cumulative: DemoCatalog.openaiFamilyCumulative)]
        }
        let versions = familyVersions[family]
        var newest = 0
        while newest + 1 < versions.count && models[versions[newest + 1]].release <= t { newest += 1 }
        guard newest > 0 else { return versions[0] }
        // Adoption ramps up over about two months after a release.
        let ramp = Swift.min(1, (t - models[versions[newest]].release) / 0.08)
        return rng.chance(adoption * ramp) ? versions[newest] : versions[newest - 1]
    }

    /// Sets up the step at `run.stepPosition` starting at `ts` and schedules its first call.
    mutating func beginStep(of run: inout DemoRun, at ts: Int64) {
        let last = run.stepCount - 1, position = run.stepPosition
        let stepType: String
        switch run.kind {
        case .chat:
            stepType = DemoCatalog.chat
        case .issue:
            if position == 0 && last > 0 && rng.chance(0.3) {
                stepType = DemoCatalog.discovery
            } else if position == last && last > 0 && rng.chance(0.4) {
                stepType = DemoCatalog.reviewer
            } else {
                stepType = rng.chance(0.85) ? DemoCatalog.issueSession : DemoCatalog.checker
            }
        case .sprint:
            if position == 0 {
                stepType = rng.chance(0.6) ? DemoCatalog.planner : DemoCatalog.discovery
            } else if position == last {
                stepType = rng.chance(0.6) ? DemoCatalog.reviewer : DemoCatalog.checker
            } else {
                let r = rng.unit()
                stepType = r < 0.4 ? DemoCatalog.designer
                    : r < 0.7 ? DemoCatalog.checker
                    : r < 0.9 ? DemoCatalog.optimizer : DemoCatalog.discovery
            }
        }
        run.stepType = stepType

        let light = stepType == DemoCatalog.checker || stepType == DemoCatalog.discovery
            || stepType == DemoCatalog.reviewer || stepType == DemoCatalog.chat
        if light && rng.chance(0.25) {
            let provider = models[run.model].provider
            run.stepModel = chooseModel(provider: provider, small: true, at: timelinePosition, adoption: 1)
        } else {
            run.stepModel = run.model
        }
        let model = models[run.stepModel]
        run.stepIsAnthropic = model.provider == .anthropic
        run.stepIsSmall = model.family == DemoCatalog.familyMini || model.family == DemoCatalog.familyNano
        run.inputNanos = model.inputNanos
        run.cacheWrite5mNanos = model.cacheWrite5mNanos
        run.cacheWrite1hNanos = model.cacheWrite1hNanos
        run.cacheReadNanos = model.cacheReadNanos
        run.outputNanos = model.outputNanos
        if run.routed {
            run.service = DemoCatalog.openrouter
            run.modelId = model.routedId
        } else {
            run.service = model.provider == .anthropic ? DemoCatalog.anthropic : DemoCatalog.openai
            run.modelId = run.dated ? (model.datedId ?? model.id) : model.id
        }

        let seconds = Swift.min(Swift.max(rng.logNormal(median: DemoCatalog.medianStepSeconds(stepType), sigma: 0.75), 5), 2700)
        run.stepStart = ts
        run.stepDurationMs = Int64(seconds * 1000)
        let interval = rng.logNormal(median: 14, sigma: 0.4)
        run.callCount = Swift.min(Swift.max(Int(seconds / interval) + 1, 1), 80)
        run.callPosition = 0
        run.context = run.baseContext
        run.phase = .call
        run.nextTs = callTime(of: run)
    }

    /// The completion time of the run's next call: calls are spread over the step with jitter.
    mutating func callTime(of run: DemoRun) -> Int64 {
        let slot = (Double(run.callPosition) + rng.unit()) / Double(run.callCount)
        return run.stepStart + Int64(Double(run.stepDurationMs) * slot)
    }

    /// Emits the rows of the run's current event and moves it on; `false` when the run is over.
    mutating func emitEvent(of run: inout DemoRun, into out: inout [UsageRecord]) -> Bool {
        let ts = run.nextTs
        switch run.phase {
        case .dispatch:
            out.append(jobRecord(run, ts: ts, seconds: rng.logNormal(median: 1.8, sigma: 0.7)))
            beginStep(of: &run, at: ts + Int64(rng.logNormal(median: 3000, sigma: 0.6)))
            return true

        case .call:
            if run.stepIsAnthropic {
                emitAnthropicCall(of: &run, ts: ts, into: &out)
            } else {
                emitOpenAICall(of: &run, ts: ts, into: &out)
            }
            run.callPosition += 1
            if run.callPosition < run.callCount {
                run.nextTs = Swift.max(ts, callTime(of: run))
            } else {
                run.phase = .stepEnd
                run.nextTs = Swift.max(ts, run.stepStart + run.stepDurationMs)
            }
            return true

        case .stepEnd:
            if let sandbox = run.sandboxId {
                // Billed per second of sandbox time, reported to a tenth of a second.
                let raw = Double(run.stepDurationMs) / 1000 + rng.logNormal(median: 4, sigma: 0.5)
                let seconds = (raw * 10).roundedHalfUp / 10
                out.append(UsageRecord(
                    projectId: run.projectId, ts: ts, service: DemoCatalog.e2b, unit: DemoCatalog.sandboxSeconds,
                    quantity: seconds, runId: run.runId, sandboxId: sandbox, chainId: run.chainId,
                    issueSessionId: run.issueSessionId, stepType: run.stepType,
                    stepIndex: Int32(run.stepPosition), userId: run.userId,
                    captureSource: DemoCatalog.apiCaptureSource))
            }
            run.stepPosition += 1
            if run.stepPosition < run.stepCount {
                beginStep(of: &run, at: ts + Int64(rng.logNormal(median: 2500, sigma: 0.8)))
            } else {
                run.phase = .finish
                run.nextTs = ts + Int64(rng.logNormal(median: 900, sigma: 0.6))
            }
            return true

        case .finish:
            if rng.chance(0.5) {
                out.append(jobRecord(run, ts: ts, seconds: rng.logNormal(median: 6, sigma: 1.0)))
            }
            if rng.chance(0.08) {
                let bytes = rng.logNormal(median: 40_000, sigma: 1.5).roundedHalfUp
                out.append(UsageRecord(
                    projectId: run.projectId, ts: ts, service: DemoCatalog.convex, unit: DemoCatalog.dbBytes,
                    quantity: bytes, runId: run.runId, chainId: run.chainId, issueSessionId: run.issueSessionId,
                    captureSource: DemoCatalog.apiCaptureSource))
            }
            return false
        }
    }

    /// A trigger.dev background job row of the run.
    func jobRecord(_ run: DemoRun, ts: Int64, seconds: Double) -> UsageRecord {
        UsageRecord(
            projectId: run.projectId, ts: ts, service: DemoCatalog.triggerDev, unit: DemoCatalog.taskSeconds,
            quantity: (seconds * 1000).roundedHalfUp / 1000, runId: run.runId, chainId: run.chainId,
            issueSessionId: run.issueSessionId, userId: run.userId,
            captureSource: DemoCatalog.apiCaptureSource)
    }

    /// The fields shared by the token rows of one LLM call (unit and quantity are set per row).
    func tokenRecord(_ run: DemoRun, ts: Int64) -> UsageRecord {
        UsageRecord(
            projectId: run.projectId, ts: ts, service: run.service, unit: DemoCatalog.inputTokens, quantity: 0,
            costSource: .unpriced,
            runId: run.runId, sandboxId: run.sandboxId, chainId: run.chainId,
            issueSessionId: run.issueSessionId, toolId: run.toolId, modelId: run.modelId,
            stepType: run.stepType, stepIndex: Int32(run.stepPosition), userId: run.userId,
            personaId: run.personaId, durationMs: run.stepDurationMs,
            captureSource: run.captureSource, parserVersion: run.parserVersion)
    }

    /// Appends `row` relabelled as `tokens` of `unit`; with the runtime's own cost when it reports one.
    @inline(__always)
    func appendToken(
        _ row: inout UsageRecord, _ unit: String, _ tokens: Double, _ rateNanos: Int64, _ reportsCost: Bool,
        into out: inout [UsageRecord]
    ) {
        row.unit = unit
        row.quantity = tokens
        if reportsCost {
            row.costNanos = Int64(tokens) * rateNanos
            row.costSource = .given
        }
        out.append(row)
    }

    /// An Anthropic call: a growing conversation served mostly from the prompt cache,
    /// each turn's new content written to it, tiny uncached input, output with thinking inside.
    mutating func emitAnthropicCall(of run: inout DemoRun, ts: Int64, into out: inout [UsageRecord]) {
        var read = 0.0, write5m = 0.0, write1h = 0.0
        if run.callPosition == 0 {
            if rng.chance(0.7) {
                read = (run.baseContext * rng.uniform(0.6, 1)).roundedHalfUp
                write5m = rng.logNormal(median: 1800, sigma: 0.8).roundedHalfUp
            } else if run.usesOneHourCache {
                write1h = run.baseContext.roundedHalfUp
            } else {
                write5m = run.baseContext.roundedHalfUp
            }
        } else {
            read = run.context.roundedHalfUp
            write5m = rng.logNormal(median: 2200, sigma: 0.9).roundedHalfUp
            if run.usesOneHourCache && rng.chance(0.04) { write1h = rng.logNormal(median: 3000, sigma: 0.7).roundedHalfUp }
        }
        let input = Swift.max(1, (rng.chance(0.93) ? rng.logNormal(median: 6, sigma: 1.0)
            : rng.logNormal(median: 2500, sigma: 1.0)).roundedHalfUp)
        let output = Swift.min(32_000, Swift.max(1, rng.logNormal(median: 320, sigma: 1.05).roundedHalfUp))

        // One template per call, re-labelled per row: copying a record is cheaper than building one.
        var row = tokenRecord(run, ts: ts)
        appendToken(&row, DemoCatalog.inputTokens, input, run.inputNanos, run.reportsCost, into: &out)
        if write5m > 0 { appendToken(&row, DemoCatalog.cacheWrite5mTokens, write5m, run.cacheWrite5mNanos, run.reportsCost, into: &out) }
        if write1h > 0 { appendToken(&row, DemoCatalog.cacheWrite1hTokens, write1h, run.cacheWrite1hNanos, run.reportsCost, into: &out) }
        if read > 0 { appendToken(&row, DemoCatalog.cacheReadTokens, read, run.cacheReadNanos, run.reportsCost, into: &out) }
        appendToken(&row, DemoCatalog.outputTokens, output, run.outputNanos, run.reportsCost, into: &out)

        run.context = read + write5m + write1h + input + output
        // Auto-compaction near the context window summarises the conversation.
        if run.context > 170_000 { run.context = run.baseContext + rng.logNormal(median: 15_000, sigma: 0.3).roundedHalfUp }
    }

    /// An OpenAI call: automatic caching in 128-token blocks, reasoning reported apart
    /// from visible output where the runtime splits it.
    mutating func emitOpenAICall(of run: inout DemoRun, ts: Int64, into out: inout [UsageRecord]) {
        let prompt = (run.context + rng.logNormal(median: 2000, sigma: 0.9)).roundedHalfUp
        var cached = 0.0
        if run.callPosition > 0 || rng.chance(0.6) {
            cached = ((run.context * rng.uniform(0.85, 1)) / 128).rounded(.down) * 128
        }
        let input = Swift.max(1, prompt - cached)
        let output = Swift.max(1, rng.logNormal(median: 220, sigma: 1.0).roundedHalfUp)
        let small = run.stepIsSmall
        let reasoning = run.reportsReasoning && rng.chance(0.85)
            ? Swift.max(1, rng.logNormal(median: small ? 180 : 420, sigma: 1.3).roundedHalfUp) : 0

        var row = tokenRecord(run, ts: ts)
        appendToken(&row, DemoCatalog.inputTokens, input, run.inputNanos, run.reportsCost, into: &out)
        if cached > 0 { appendToken(&row, DemoCatalog.cacheReadTokens, cached, run.cacheReadNanos, run.reportsCost, into: &out) }
        appendToken(&row, DemoCatalog.outputTokens, output, run.outputNanos, run.reportsCost, into: &out)
        if reasoning > 0 { appendToken(&row, DemoCatalog.reasoningTokens, reasoning, run.outputNanos, run.reportsCost, into: &out) }

        run.context = prompt + output
        if run.context > 240_000 { run.context = run.baseContext + rng.logNormal(median: 12_000, sigma: 0.3).roundedHalfUp }
    }
}
