// The `Tally` module is what a host service imports: it re-exports the storage types
// (records, the store) so that `import Tally` is enough.
@_exported import TallyStorage
