/// Every rule of `02-validation-rules.md`, once, in the spec's order: the rule books take their
/// catalogues from here, the rules file its codes, the e-mail the codes whose detail it shows.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        F01NotWellFormed.self, F02Schema.self, F03Unsigned.self, F04BadSignature.self, F05SignerCertificate.self,
        F06NotEnrolled.self, F07ProviderConvention.self, F08Totals.self, F09MonthNotOver.self, F10InitialExists.self,
        F11NoInitial.self, F12Operation.self, F13Environment.self, W01LateReport.self,
        C01InsuredCNP.self, C02ChildCNP.self, C03MonthOfIssue.self, C04PeriodCoherence.self, C05IssuedInFuture.self,
        C06Retroactive.self, C07InitialReference.self, C08InitialFound.self, C09Continuity.self,
        C10SameInsuredAndDisease.self, C11Diagnosis.self, C12EmergencyOrInfectious.self, C13PlaceOfIssue.self,
        C14DurationLimits.self, C15ExpertOpinion.self, C16AlreadyReported.self, C17Pads.self, C18Doctor.self,
        C19Overlap.self, C20MaternityCode.self, C21EmployerCUI.self, C22UnknownTarget.self, W02OlderChild.self,
    ]

    /// The rules judged on a document's header, certificates and totals.
    public static let file: [any FileRule] = all.compactMap { if case .file(let r) = $0.role { r } else { nil } }
    /// The rules judged on a certificate's content and history.
    public static let certificate: [any CertificateRule] = all.compactMap { if case .certificate(let r) = $0.role { r } else { nil } }
    /// The rules judged on a rectificative's operation.
    public static let target: [any TargetRule] = all.compactMap { if case .target(let r) = $0.role { r } else { nil } }

    /// The codes a rules file may set a severity for: every rule but those an adapter finds.
    public static let configurableCodes: Set<String> = Set(all.filter {
        if case .found = $0.role { false } else { true }
    }.map { $0.code })

    /// The codes whose detailed words the provider's e-mail shows (`Rule.providerReadsDetail`).
    public static let providerDetailCodes: [String] = all.filter { $0.providerReadsDetail }.map { $0.code }
}
