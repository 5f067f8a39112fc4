/// A rule of `02-validation-rules.md`: one type per code, listed once in `RuleRegistry`, its
/// messages declared beside it as `Finding.Message` values.
public protocol Rule: Sendable {
    static var code: String { get }
    static var defaultSeverity: Severity { get }
    /// Whether the provider's e-mail shows this rule's detailed words rather than the public
    /// ones, because the provider needs them to act.
    static var providerReadsDetail: Bool { get }
    /// What the rule is judged on, given by the one role protocol it conforms to (a rule of
    /// two roles, or of none, does not compile). `RuleRegistry` reads this instead of casting
    /// each type to each protocol: every such cast's first answer scanned all the process's
    /// conformance records, a quarter of a command's start.
    static var role: RuleRole { get }
}

/// A rule's kind, with an instance of it where the rule books run it.
public enum RuleRole: Sendable {
    case file(any FileRule)
    case certificate(any CertificateRule)
    case target(any TargetRule)
    /// An adapter finds it (`FoundRule`).
    case found
}

extension Rule {
    public static var providerReadsDetail: Bool { false }
    public var code: String { Self.code }
    public var defaultSeverity: Severity { Self.defaultSeverity }

    /// The severity in force: the rules file's for this code, else the rule's default.
    public func severity(in severities: [String: Severity]) -> Severity { severities[Self.code] ?? Self.defaultSeverity }
}

/// A rule whose violations an adapter finds (the XML reader, the signature check, the
/// enrolment check) and reports through its type's `finding`; its severity is fixed.
public protocol FoundRule: Rule {}

extension FoundRule {
    public static var role: RuleRole { .found }
}
