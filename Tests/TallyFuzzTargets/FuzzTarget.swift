/// A libFuzzer target of `Tools/fuzz.sh`: one decoder of untrusted bytes.
///
/// The code each target runs on an input lives in `FuzzHarness`, so the fuzzer and
/// `FuzzTests`' replay of the kept corpora (`Tests/TallyReliabilityTests/FuzzCorpus/<target>`)
/// run exactly the same thing.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// `Manifest.decode`.
    case manifest
    /// `PartReader` on a file holding the input: open, verify, read every record, scan every column.
    case part
    /// `CSVRecordReader` through the record and the columnar path, which must agree.
    case csv
    /// `JSONLRecordReader`.
    case jsonl
    /// The five agent-runtime stream parsers and format detection.
    case streams
    /// The SQL engine's parser and binder (what `SQLQuery.prepare` does), and the older
    /// `SQLParser`, which the rollup rule still uses.
    case sql
    /// SQL statements that bind, run on a tiny store, with and without the rollup rule.
    /// A target of its own because running costs about ten times what binding does.
    case sqlRun = "sql-run"
}
