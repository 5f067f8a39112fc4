import CCMCore
import CCMStore
import Foundation

/// `ccm db detaseaza --luna`: an old month's certificate versions leave the partitioned table
/// for a table of their own (nothing is deleted), once no rule of a month still open reads them.
public enum MonthDetachment {
    /// The earliest month whose versions the rules of the open months (`Revalidation.openMonths`)
    /// may read: C14's sums over the calendar year of a start (a start may be a month before its
    /// issue, and a continuation is issued the day before its start: December of the year
    /// before), and the longest chain a rule set allows (C08–C10, C14, C15). C16 (a number
    /// reported again) and C19 (overlaps) read the same insured's and numbers' current versions:
    /// a detached month's no longer count.
    public static func earliestRead(now: Date, sets: [RuleSet]) -> YearMonth? {
        guard let oldest = Revalidation.openMonths(now: now).first,
              let yearSums = YearMonth(year: oldest.previous.year - 1, month: 12) else { return nil }
        let chain = sets.flatMap(\.limits).filter { $0.scope == .lant }.map(\.max).max() ?? 0
        return min(yearSums, oldest.firstDay.adding(days: -chain).yearMonth)
    }

    /// Detaches `luna`, or refuses it (exit 1) while the rules may read it. Waits for the ingest
    /// and revalidation (their lock) so that no document is judged half before, half after.
    public static func run(settings: Settings, luna: YearMonth, now: Date = Date()) throws -> String {
        let rules = try RuleEngine.load(settings)
        guard let earliest = earliestRead(now: now, sets: rules.judge.config.sets) else {
            throw AppError.usage("luna \(luna): lunile deschise nu pot fi calculate")
        }
        guard luna < earliest else {
            throw AppError.usage("luna \(luna) nu poate fi detașată: regulile lunilor deschise citesc încă versiunile " +
                                 "de la \(earliest) încoace; se pot detașa lunile de dinainte de \(earliest)")
        }
        let db = try App.connect(settings, as: .owner)
        let outcome = try PartitionStore(db).detach(luna)
        switch outcome {
        case .detached(let table, let current):
            return "luna \(luna) detașată în tabelul \(table); " +
                RomanianCount.of(current, "versiune curentă scoasă", "versiuni curente scoase") + " din căutările regulilor"
        case .already(let table): return "luna \(luna) era deja detașată, în tabelul \(table)"
        case .none: return "luna \(luna) nu are versiuni de certificate: nimic de detașat"
        }
    }
}
