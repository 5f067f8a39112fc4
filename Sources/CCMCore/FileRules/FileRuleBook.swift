/// The file-level rules of `RuleRegistry`, in code order, with their severities in force.
public struct FileRuleBook: Sendable {
    public let rules: [any FileRule]
    let severities: [String: Severity]

    /// `severities` overrides a rule's default (`OFF` silences it).
    public init(severities: [String: Severity] = [:]) {
        self.rules = RuleRegistry.file
        self.severities = severities
    }

    public func severity(of rule: any FileRule) -> Severity { rule.severity(in: severities) }

    public func header(_ ctx: FileContext) -> [Finding] {
        rules.flatMap { r in findings(r, r.checkHeader(ctx), line: nil) }
    }

    public func certificate(_ c: ReportedCertificate, _ ctx: FileContext) -> [Finding] {
        // Per certificate: an empty list is not appended (appending one still allocated).
        var found: [Finding] = []
        for r in rules {
            let hits = r.checkCertificate(c, ctx)
            if !hits.isEmpty { found += findings(r, hits, line: c.line) }
        }
        return found
    }

    public func end(_ tally: DocumentTally, _ ctx: FileContext) -> [Finding] {
        rules.flatMap { r in findings(r, r.checkEnd(tally, ctx), line: nil) }
    }

    func findings(_ rule: any FileRule, _ hits: [Finding.Message], line: Int?) -> [Finding] {
        // Most rules find nothing on most certificates: no severity to look up then.
        guard !hits.isEmpty else { return [] }
        let sev = severity(of: rule)
        guard sev != .off else { return [] }
        return hits.map { Finding($0, code: rule.code, severity: sev, line: line) }
    }
}

/// The state a document ends in, from all its file-level findings.
public enum FileVerdict {
    public static func status(_ findings: [Finding]) -> DocumentStatus {
        findings.contains { $0.severity == .eroare } ? .respins : .inregistrat
    }

    /// A file's reasons in the order every report gives them: by code, then by line.
    public static func ordered(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($0.code, $0.line ?? 0) < ($1.code, $1.line ?? 0) }
    }
}
