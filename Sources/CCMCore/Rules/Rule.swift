/// A rule of `02-validation-rules.md`: one type per code, listed once in `RuleRegistry`, its
/// messages declared beside it as `Finding.Message` values.
public protocol Rule: Sendable {
    static var code: String { get }
    static var defaultSeverity: Severity { get }
    /// Whether the provider's e-mail shows this rule's detailed words rather than the public
    /// ones, because the provider needs them to act.
    static var providerReadsDetail: Bool { get }
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
