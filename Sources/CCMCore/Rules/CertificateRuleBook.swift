/// The certificate-level rules of `RuleRegistry`, in code order, with the severities in force.
public struct CertificateRuleBook: Sendable {
    /// The rules on a rectificative's operation (MODIFICARE, STERGERE), content or not.
    public func evaluateTarget(_ c: ReportedCertificate, header: ReportScope, history: CertificateHistory) -> [Finding] {
        RuleRegistry.target.flatMap { rule -> [Finding] in
            let sev = rule.severity(in: severities)
            guard sev != .off else { return [] }
            return rule.check(c, header: header, history: history).map { Finding($0, code: rule.code, severity: sev, line: c.line) }
        }
    }

    let severities: [String: Severity]
    /// The severity in force of each catalog rule, by its index (looked up by code once, not
    /// per rule and certificate).
    let inForce: [Severity]
    let contentInForce: [Severity]

    public init(severities: [String: Severity] = [:]) {
        self.severities = severities
        inForce = RuleRegistry.certificate.map { $0.severity(in: severities) }
        contentInForce = CertificateRuleBook.contentRules.map { $0.severity(in: severities) }
    }

    public func severity(of rule: any CertificateRule) -> Severity { rule.severity(in: severities) }

    /// Every finding on one certificate (a STERGERE has no content to judge), in catalog order.
    /// `content`: the content rules' findings judged beforehand (`evaluateContent`), taken as
    /// they are in their places; nil: every rule is judged now.
    public func evaluate(_ ctx: CertificateContext, content: ContentVerdict? = nil) -> [Finding] {
        var found: [Finding] = []
        let rules = RuleRegistry.certificate, line = ctx.certificate.line
        for i in rules.indices {
            // The slots are reckoned once: a cast to `any ContentRule` per rule and certificate
            // cost more than the content rules it spared.
            // Most rules find nothing: an empty list is not appended.
            if let content, let slot = CertificateRuleBook.contentSlots[i] {
                if !content.findings[slot].isEmpty { found += content.findings[slot] }
            } else {
                let rule = rules[i]
                let f = findings(of: rule, inForce[i], line: line) { rule.check(ctx) }
                if !f.isEmpty { found += f }
            }
        }
        return found
    }

    /// The findings of the content rules alone (each rule's in its catalog slot), for
    /// `evaluate(_:content:)` to place among the others later.
    public func evaluateContent(_ ctx: ContentContext) -> ContentVerdict {
        let rules = CertificateRuleBook.contentRules, line = ctx.certificate.line
        var verdict = ContentVerdict(findings: [])
        verdict.findings.reserveCapacity(rules.count)
        for (i, sev) in contentInForce.enumerated() {
            let rule = rules[i]
            verdict.findings.append(findings(of: rule, sev, line: line) { rule.check(content: ctx) })
        }
        return verdict
    }

    /// What the content rules found on one certificate, one list per content rule.
    public struct ContentVerdict: Sendable, Equatable {
        public var findings: [[Finding]]
    }

    static let contentRules: [any ContentRule] = RuleRegistry.certificate.compactMap(\.asContentRule)
    /// The catalog's index → the content rule's index in a `ContentVerdict` (nil: not a content rule).
    static let contentSlots: [Int?] = {
        var next = 0
        return RuleRegistry.certificate.map { rule in
            guard rule.asContentRule != nil else { return nil }
            defer { next += 1 }
            return next
        }
    }()

    /// A rule turned off is not run.
    private func findings(of rule: any CertificateRule, _ sev: Severity, line: Int, _ check: () -> [Finding.Message]) -> [Finding] {
        guard sev != .off else { return [] }
        return check().map { Finding($0, code: rule.code, severity: sev, line: line) }
    }

    public static func status(_ findings: [Finding]) -> CertificateStatus {
        findings.contains { $0.severity == .eroare } ? .cuErori : .valid
    }
}
