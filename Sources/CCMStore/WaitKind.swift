/// What a round trip's wait was for, so that `ingest --verbose` can say where the documents'
/// connection waits (docs/performance.md, "the judging thread's waits by kind").
public enum WaitKind: Int, CaseIterable, Sendable {
    /// A document's facts and first lookups.
    case lookups
    /// Statements sent behind earlier lookups, still running when the connection was next used.
    case earlierStatements
    /// A group's COMMIT.
    case commit
    /// A group's opening: the last group's release, the locks, BEGIN.
    case opening
    /// Anything else (later batches, moves' confirmations, a run's set-up).
    case other
}

/// Seconds waited, by kind.
public struct WaitTimes: Sendable, Equatable {
    private var seconds = [Double](repeating: 0, count: WaitKind.allCases.count)
    public init() {}
    public subscript(_ kind: WaitKind) -> Double {
        get { seconds[kind.rawValue] }
        set { seconds[kind.rawValue] = newValue }
    }
    public var total: Double { seconds.reduce(0, +) }
}
