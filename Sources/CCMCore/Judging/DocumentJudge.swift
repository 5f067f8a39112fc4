/// Everything that judges, as one pure value: the file and certificate rule books with the
/// severities of the rules file, the dated rule sets and the nomenclators. The ingest judges a
/// file with it and `ccm revalidate` judges a stored certificate again with the same rules; what
/// each needs from the store comes in as values, nothing is looked up here.
public struct DocumentJudge: Sendable {
    public let file: FileRuleBook
    public let certificates: CertificateRuleBook
    public let config: RulesConfig
    public let nomenclators: Nomenclators

    public init(config: RulesConfig, nomenclators: Nomenclators) {
        self.config = config
        self.nomenclators = nomenclators
        file = FileRuleBook(severities: config.severities)
        certificates = CertificateRuleBook(severities: config.severities)
    }

    /// What the content rules of `c` see.
    public func content(_ c: ReportedCertificate, body: CertificateBody, scope: ReportScope, receiptDay: LocalDate) -> ContentContext {
        ContentContext(certificate: c, body: body, header: scope, receiptDay: receiptDay, nomenclators: nomenclators,
                       ruleSet: config.set(on: body.dataAcordarii))
    }

    /// The rules that need neither history nor registry (nil: a STERGERE, which has no content).
    public func content(of c: ReportedCertificate, in header: DocumentHeader, receiptDay: LocalDate) -> CertificateRuleBook.ContentVerdict? {
        c.body.map { certificates.evaluateContent(content(c, body: $0, scope: ReportScope(header), receiptDay: receiptDay)) }
    }

    /// One certificate of a file: the rule on its operation (C22), then every certificate rule
    /// against `history` (the store's neighbours and the document's own earlier certificates).
    /// `content`: its content rules judged beforehand (`content(of:in:receiptDay:)`).
    public func certificate(_ c: ReportedCertificate, in header: DocumentHeader, receiptDay: LocalDate, facts: ProviderFacts,
                            history: [KnownCertificate], content: CertificateRuleBook.ContentVerdict? = nil) -> CertificateVerdict {
        var known = history
        let target = certificates.evaluateTarget(c, header: ReportScope(header), history: CertificateHistory(known))
        guard let body = c.body else { return CertificateVerdict(target) }
        if c.operatie == .modificare {
            // The version being replaced is not history for its replacement.
            known.removeAll { $0.cui == header.cui && $0.luna == header.luna && $0.serie == c.serie && $0.numar == c.numar && !$0.sameDocument }
        }
        let ctx = CertificateContext(content: self.content(c, body: body, scope: ReportScope(header), receiptDay: receiptDay),
                                     facts: facts, history: CertificateHistory(known))
        let findings = target + certificates.evaluate(ctx, content: content)
        // A repeat of this provider's own certificate is listed, not stored: the first stays.
        let ownRepeat = findings.contains { $0.code == C16AlreadyReported().code && $0.severity == .eroare }
            && C16AlreadyReported.isOwnRepeat(ctx)
        return CertificateVerdict(findings, stored: !ownRepeat)
    }

    /// A stored current certificate judged again against everything known now. Its own stored
    /// version, and any of the same number registered after it (that one is the repeat, not this),
    /// are not its history; the rules on its operation (C22) judged it when the operation
    /// happened, so their findings are kept from `earlier` as they were.
    public func again(_ stored: KnownCertificate, operatie: CertificateOperation?, position: Int, receiptDay: LocalDate,
                      facts: ProviderFacts, neighbours: [KnownCertificate], earlier: [Finding]) -> CertificateVerdict {
        let known = neighbours.filter { n in
            !(n.serie == stored.serie && n.numar == stored.numar && (n.versionId ?? 0) >= (stored.versionId ?? 0))
        }
        let c = ReportedCertificate(position: position, line: 0, operatie: operatie, serie: stored.serie, numar: stored.numar,
                                    body: stored.body, motiv: nil)
        let scope = ReportScope(cui: stored.cui, luna: stored.luna)
        let ctx = CertificateContext(content: content(c, body: stored.body, scope: scope, receiptDay: receiptDay),
                                     facts: facts, history: CertificateHistory(known))
        let targetCodes = Set(RuleRegistry.target.map(\.code))
        return CertificateVerdict(earlier.filter { targetCodes.contains($0.code) } + certificates.evaluate(ctx))
    }

    /// F06: each accepted signer not enrolled for the provider at receipt.
    public func enrolment(_ signers: [(sha256: String, subject: String)], enrolled: Set<String>, cui: String) -> [Finding] {
        signers.filter { !enrolled.contains($0.sha256) }.map { F06NotEnrolled.finding(nume: $0.subject, cui: cui) }
    }

    /// A document's verdict from all its findings: sorted by code and line, and its state.
    public func verdict(_ findings: [Finding]) -> DocumentVerdict {
        let sorted = FileVerdict.ordered(findings)
        return DocumentVerdict(status: FileVerdict.status(sorted), reasons: sorted)
    }
}

/// What the rules said of one certificate.
public struct CertificateVerdict: Sendable, Equatable {
    public var findings: [Finding]
    public var status: CertificateStatus
    /// False for a repeat of the provider's own certificate (C16): listed with the file, not kept.
    public var stored: Bool

    public init(_ findings: [Finding], stored: Bool = true) {
        self.findings = findings
        status = CertificateRuleBook.status(findings)
        self.stored = stored
    }

    /// Whether it says what `earlier` said (the same codes and messages, in order).
    public func says(_ earlier: [Finding]) -> Bool {
        findings.map(\.code) == earlier.map(\.code) && findings.map(\.message) == earlier.map(\.message)
    }
}

/// What the rules said of one document.
public struct DocumentVerdict: Sendable, Equatable {
    public var status: DocumentStatus
    /// Every finding, sorted by code and line.
    public var reasons: [Finding]
}
