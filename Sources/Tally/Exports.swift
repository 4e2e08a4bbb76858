// `import Tally` is all a host writes. The layers below are re-exported so that their
// public value types (records, dates, rate cards, activity, results) come along; their
// internals are `package` and so invisible outside this package.
@_exported import TallySystem
@_exported import TallyFormat
@_exported import TallyStore
@_exported import TallyExecution
@_exported import TallyPricing
@_exported import TallyIngest
@_exported import TallyParquet
@_exported import TallyHost
@_exported import TallySQL
