import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// The state of one workflow run in flight: the ids its rows share, and where it is
/// in its steps and LLM calls.
///
/// A run is a small state machine; each event (an LLM call, the end of a step, the
/// dispatch or wrap-up job) emits the rows that happen at one instant and schedules the next.
struct DemoRun: Sendable {
    /// What the run is doing next.
    enum Phase: Sendable {
        /// The trigger.dev job that dispatched the run.
        case dispatch
        /// The next LLM call of the current step.
        case call
        /// The end of the current step (sandbox seconds are billed).
        case stepEnd
        /// The wrap-up job and database writes after the last step.
        case finish
    }

    /// What kind of workflow it is; decides the step types.
    enum Kind: Sendable { case sprint, issue, chat }

    // Shared by every row of the run.
    var projectIndex = 0
    var projectId = ""
    var runId = ""
    var sandboxId: String? = nil
    var chainId: String? = nil
    var issueSessionId: String? = nil
    var userId = ""
    var personaId: String? = nil
    var tool = 0
    var toolId = ""
    var captureSource = ""
    var parserVersion: Int32? = nil
    var kind = Kind.sprint

    // How the run talks to its model.
    var model = 0
    var routed = false
    var dated = false
    var reportsCost = false
    var reportsReasoning = false
    var usesOneHourCache = false
    var baseContext = 0.0

    // Progress.
    var phase = Phase.dispatch
    var nextTs: Int64 = 0
    var stepCount = 1
    var stepPosition = 0
    var stepType = ""
    var stepModel = 0
    var modelId = ""
    var service = ""
    // The step model's rates and traits, copied once per step so that calls never touch the catalog.
    var stepIsAnthropic = true
    var stepIsSmall = false
    var inputNanos: Int64 = 0
    var cacheWrite5mNanos: Int64 = 0
    var cacheWrite1hNanos: Int64 = 0
    var cacheReadNanos: Int64 = 0
    var outputNanos: Int64 = 0
    var stepStart: Int64 = 0
    var stepDurationMs: Int64 = 0
    var callCount = 1
    var callPosition = 0
    var context = 0.0
    var rowsEmitted = 0
}
