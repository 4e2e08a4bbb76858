import TallyStorage

/// Namespace of the execution layer: vectors, filters, group-by tables and aggregates.
public enum TallyExecution {}
