/// Namespace of the SQL layer: lexer, parser and binder onto the execution layer.
public enum TallySQL {}
