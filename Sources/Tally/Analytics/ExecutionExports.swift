// The analytics API speaks the execution layer's query vocabulary (GroupKey,
// RowFilter, Aggregate, QueryResult): `import Tally` brings it along.
@_exported import TallyExecution
