import CCMApp
import Foundation

extension CentralizerCommand {
    /// `centralizer --compare-to T [--as-of T2]` (`04-outputs.md` §4): both moments were checked
    /// by `validate()`; the two editions are read and compared.
    func compareEditions(since from: Date) throws {
        let month = luna
        let to = asOf?.date ?? Date()
        let settings = try common.settings()
        let db = try App.connect(settings, as: .reporting)
        let comparison = try ComparisonReport.build(db, settings: settings, luna: month, from: from, to: to)
        // A file is public like the table; the workbook reaches standard output through a temporary file.
        if let output { return try ComparisonReport.write(comparison, format: format.rawValue, to: output) }
        if format == .xlsx { return try emitThroughFile(format: format) { try ComparisonReport.write(comparison, format: format.rawValue, to: $0) } }
        try emit(try ComparisonReport.render(comparison, format: format.rawValue), to: nil)
    }
}
