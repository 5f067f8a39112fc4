import CCMCore
import CCMStore
import Foundation

/// `ccm revalidate --luna` (`02-validation-rules.md` §5): the month's current certificates with
/// errors are judged again against everything known now (an initial reported later, perhaps by
/// another provider); a changed verdict is a new version from this moment, the old one kept.
public enum Revalidation {
    public struct Summary: Equatable { public var checked = 0, changed = 0, nowValid = 0 }

    public static func run(db: Connection, rules: RuleEngine, luna: YearMonth, at: Date = Date()) throws -> Summary {
        return try db.planningForKeys { try RegistryLock.shared(db, with: IngestPipeline.ingestLock) { try db.transaction {
            var summary = Summary()
            let history = HistoryStore(db)
            var facts: [String: ProviderFacts] = [:]
            for v in try history.currentWithErrors(luna: luna) {
                summary.checked += 1
                let k = v.known, b = k.body
                let chain = ChainKey(body: b, serie: k.serie, numar: k.numar)
                // Itself is not history, nor a same number registered after it (that one is the repeat, not this).
                let known = try history.neighbours(serie: k.serie, numar: k.numar, chain: chain, cnp: b.cnp, cnpCopil: b.cnpCopil, documentId: nil)
                    .filter { n in !(n.serie == k.serie && n.numar == k.numar && (n.versionId ?? 0) >= (k.versionId ?? 0)) }
                if facts[k.cui] == nil { facts[k.cui] = try PractitionerStore(db).facts(cui: k.cui) }
                let header = DocumentHeader(tip: v.tip, luna: k.luna, idDocument: UUID(), dataGenerare: "", mediu: .productie,
                                            cui: k.cui, casa: "", nrConventie: "", denumire: "", email: nil)
                let certificate = ReportedCertificate(position: v.position, line: 0, operatie: v.operatie, serie: k.serie,
                                                      numar: k.numar, body: b, motiv: nil)
                let ctx = CertificateContext(content: rules.content(certificate, body: b, header: header,
                                                                    receiptDay: Bucharest.localDate(of: v.receivedAt)),
                                             facts: facts[k.cui] ?? ProviderFacts(), history: CertificateHistory(known))
                // C22 judged the operation when it happened; it stays as it was.
                let verdict = v.errors.filter { $0.code == C22UnknownTarget().code } + rules.certificates.evaluate(ctx)
                guard verdict.map(\.code) != v.errors.map(\.code) || verdict.map(\.message) != v.errors.map(\.message),
                      let id = k.versionId else { continue }
                let status = CertificateRuleBook.status(verdict)
                try history.recordVerdict(versionId: id, luna: k.luna, status: status, findings: verdict, at: at)
                summary.changed += 1
                if status == .valid { summary.nowValid += 1 }
            }
            return summary
        } } }
    }

    /// The months still open to corrections: the three before the current one (Bucharest).
    public static func openMonths(now: Date = Date()) -> [YearMonth] {
        let current = Bucharest.localDate(of: now).yearMonth
        return [current.previous.previous.previous, current.previous.previous, current.previous]
    }
}
