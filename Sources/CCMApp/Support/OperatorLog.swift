import CCMRuntime

/// What a command tells the operator, as one log line on standard error (the runtime's `Log`),
/// for the command line, which reaches the runtime only through the use cases.
public enum OperatorLog {
    public static func info(_ line: String) { Log.info(line) }
    public static func warn(_ line: String) { Log.warn(line) }
}
