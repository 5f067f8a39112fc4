import CCMCore
import CCMStore
import Foundation

/// `ccm revalidate --luna` (`02-validation-rules.md` §5): the month's current certificates with
/// errors are judged again against everything known now (an initial reported later, perhaps by
/// another provider); a changed verdict is a new version from this moment, the old one kept.
public enum Revalidation {
    public struct Summary: Equatable {
        public var checked = 0, changed = 0, nowValid = 0

        /// The run's line for the operator (`ccm revalidate` and `ccm nightly` alike).
        public func line(_ luna: YearMonth) -> String {
            "revalidare \(luna): " + RomanianCount.of(checked, "certificat cu erori verificat", "certificate cu erori verificate")
                + ", \(changed) cu verdict nou, \(nowValid) devenite valide"
        }
    }

    public static func run(db: Connection, rules: RuleEngine, luna: YearMonth, at: Date = Date()) throws -> Summary {
        var summary = Summary()
        try RevalidationUnitOfWork(db).run(luna: luna, at: at) { c in
            summary.checked += 1
            let v = c.version
            let verdict = rules.judge.again(v.known, operatie: v.operatie, position: v.position, receiptDay: Bucharest.localDate(of: v.receivedAt),
                                            facts: c.facts, neighbours: c.neighbours, earlier: v.errors)
            guard !verdict.says(v.errors), v.known.versionId != nil else { return nil }
            summary.changed += 1
            if verdict.status == .valid { summary.nowValid += 1 }
            return .init(status: verdict.status, findings: verdict.findings)
        }
        return summary
    }

    /// The months still open to corrections: the three before the current one (Bucharest).
    public static func openMonths(now: Date = Date()) -> [YearMonth] {
        let current = Bucharest.localDate(of: now).yearMonth
        return [current.previous.previous.previous, current.previous.previous, current.previous]
    }
}
