import CCMApp
import CCMCore
import Foundation

extension CentralizerCommand {
    /// `centralizer --compare-to T [--as-of T2]` (`04-outputs.md` §4): both moments checked before
    /// anything is opened, then the two editions read and compared.
    func compareEditions(since compareTo: String) throws {
        guard let month = YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
        guard ComparisonReport.formats.contains(format) else { throw ComparisonReport.unsupported(format) }
        let now = Date()
        let from = try Time.parse(compareTo, option: "--compare-to")
        let to = try asOf.map { try Time.parse($0, option: "--as-of") } ?? now
        if from > now { throw AppError.usage("--compare-to \(compareTo) este în viitor: ediția comparată trebuie să fi existat") }
        if let asOf, to > now { throw AppError.usage("--as-of \(asOf) este în viitor") }
        if from > to {
            throw AppError.usage("--compare-to \(compareTo) este după --as-of \(asOf ?? Bucharest.iso8601(to)): ediția mai veche se dă la --compare-to")
        }
        let settings = try common.settings()
        let db = try App.connect(settings, as: .reporting)
        let comparison = try ComparisonReport.build(db, settings: settings, luna: month, from: from, to: to)
        // A file is public like the table; the workbook reaches standard output through a temporary file.
        if let output { return try ComparisonReport.write(comparison, format: format, to: output) }
        if format == "xlsx" { return try emitThroughFile(format: format) { try ComparisonReport.write(comparison, format: format, to: $0) } }
        try emit(try ComparisonReport.render(comparison, format: format), to: nil)
    }
}
