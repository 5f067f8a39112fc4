import Foundation

/// W01: an INITIALA received after the 12th of the month after `luna`, 23:59:59 Bucharest time.
public struct W01LateReport: FileRule {
    public static let code = "W01"
    public static let defaultSeverity = Severity.avertisment
    public init() {}

    public static func deadlineDay(_ luna: YearMonth) -> LocalDate {
        LocalDate(uncheckedYear: luna.next.year, month: luna.next.month, day: 12)
    }

    public static func deadline(_ luna: YearMonth) -> Date {
        Bucharest.instant(deadlineDay(luna), hour: 23, minute: 59, second: 59)
    }

    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] {
        guard ctx.header.tip == .initiala, ctx.receivedAt > W01LateReport.deadline(ctx.header.luna) else { return [] }
        return [.lateReport(deadline: W01LateReport.deadlineDay(ctx.header.luna))]
    }
}

extension Finding.Message {
    static func lateReport(deadline: LocalDate) -> Self { Self("Raportare transmisă după termenul legal (\(deadline.romanian))") }
}
