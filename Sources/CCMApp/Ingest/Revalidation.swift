import CCMCore
import CCMStore
import Foundation

/// `ccm revalidate --luna` (`02-validation-rules.md` §5): the month's current certificates with
/// errors are judged again against everything known now (an initial reported later, perhaps by
/// another provider); a changed verdict is a new version from this moment, the old one kept.
public enum Revalidation {
    public struct Summary: Equatable { public var checked = 0, changed = 0, nowValid = 0 }

    public static func run(db: Connection, rules: RuleEngine, luna: YearMonth, at: Date = Date()) throws -> Summary {
        return try db.planningForKeys { try RegistryLock.shared(db, with: IngestLocks.ingest) { try db.transaction {
            var summary = Summary()
            let history = HistoryStore(db)
            var facts: [String: ProviderFacts] = [:]
            for v in try history.currentWithErrors(luna: luna) {
                summary.checked += 1
                let k = v.known, b = k.body
                let neighbours = try history.neighbours(serie: k.serie, numar: k.numar, chain: ChainKey(body: b, serie: k.serie, numar: k.numar),
                                                        cnp: b.cnp, cnpCopil: b.cnpCopil, documentId: nil)
                if facts[k.cui] == nil { facts[k.cui] = try PractitionerStore(db).facts(cui: k.cui) }
                let verdict = rules.judge.again(k, operatie: v.operatie, position: v.position, receiptDay: Bucharest.localDate(of: v.receivedAt),
                                                facts: facts[k.cui] ?? ProviderFacts(), neighbours: neighbours, earlier: v.errors)
                guard !verdict.says(v.errors), let id = k.versionId else { continue }
                try history.recordVerdict(versionId: id, luna: k.luna, status: verdict.status, findings: verdict.findings, at: at)
                summary.changed += 1
                if verdict.status == .valid { summary.nowValid += 1 }
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
