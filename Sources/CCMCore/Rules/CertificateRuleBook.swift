/// The catalogue of certificate-level rules, in code order, with the severities in force.
public struct CertificateRuleBook: Sendable {
    public static let catalog: [any CertificateRule] = [
        C01InsuredCNP(), C02ChildCNP(), C03MonthOfIssue(), C04PeriodCoherence(), C05IssuedInFuture(),
        C06Retroactive(), C07InitialReference(), C08InitialFound(), C09Continuity(), C10SameInsuredAndDisease(),
        C11Diagnosis(), C12EmergencyOrInfectious(), C13PlaceOfIssue(), C14DurationLimits(), C15ExpertOpinion(),
        C16AlreadyReported(), C17Pads(), C18Doctor(), C19Overlap(), C20MaternityCode(), C21EmployerCUI(),
        W02OlderChild(),
    ]

    public static let targetCatalog: [any TargetRule] = [C22UnknownTarget()]

    /// Every code a rules file may name (file- and certificate-level).
    public static var allCodes: Set<String> {
        Set(catalog.map(\.code) + targetCatalog.map(\.code) + FileRuleBook.catalog.map(\.code))
    }

    /// The rules on a rectificative's operation (MODIFICARE, STERGERE), content or not.
    public func evaluateTarget(_ c: ReportedCertificate, header: DocumentHeader, history: CertificateHistory) -> [Finding] {
        CertificateRuleBook.targetCatalog.flatMap { rule -> [Finding] in
            let sev = severities[rule.code] ?? rule.defaultSeverity
            guard sev != .off else { return [] }
            return rule.check(c, header: header, history: history).map {
                Finding(code: rule.code, severity: sev, message: rule.template.render($0), line: c.line)
            }
        }
    }

    let severities: [String: Severity]
    public init(severities: [String: Severity] = [:]) { self.severities = severities }

    public func severity(of rule: any CertificateRule) -> Severity { severities[rule.code] ?? rule.defaultSeverity }

    /// Every finding on one certificate (a STERGERE has no content to judge).
    public func evaluate(_ ctx: CertificateContext) -> [Finding] {
        CertificateRuleBook.catalog.flatMap { rule -> [Finding] in
            let sev = severity(of: rule)
            guard sev != .off else { return [] }
            return rule.check(ctx).map {
                Finding(code: rule.code, severity: sev, message: rule.template.render($0), line: ctx.certificate.line,
                        publicMessage: rule.publicTemplate?.render($0))
            }
        }
    }

    public static func status(_ findings: [Finding]) -> CertificateStatus {
        findings.contains { $0.severity == .eroare } ? .cuErori : .valid
    }
}
