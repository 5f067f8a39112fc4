import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct CentralizerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "centralizer",
        abstract: "Tabelul centralizator al unei luni: VALIDAT, CU ERORI, FĂRĂ RAPORTARE.")
    @OptionGroup var common: ReportOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: YearMonth
    @Option(help: "html, xlsx, csv, json sau text (tabel pentru terminal).") var format: OutputFormat = .json
    @Option(help: "Starea la un moment din trecut, ISO 8601 cu fus orar.") var asOf: Moment?
    @Option(help: "Fișierul de ieșire (altfel ieșirea standard).") var output: String?
    @Option(help: "Ce s-a schimbat de la ediția din acest moment (ISO 8601 cu fus orar) până la --as-of (altfel acum); formate json, html, csv, text, xlsx.")
    var compareTo: Moment?

    /// A comparison's two moments, checked before anything is opened (`04-outputs.md` §4).
    func validate() throws {
        guard let compareTo else { return }
        let now = Date()
        let to = asOf?.date ?? now
        if compareTo.date > now { throw AppError.usage("--compare-to \(compareTo.text) este în viitor: ediția comparată trebuie să fi existat") }
        if let asOf, asOf.date > now { throw AppError.usage("--as-of \(asOf.text) este în viitor") }
        if compareTo.date > to {
            throw AppError.usage("--compare-to \(compareTo.text) este după --as-of \(asOf?.text ?? Bucharest.iso8601(to)): ediția mai veche se dă la --compare-to")
        }
    }

    func run() throws {
        try execute {
            if let compareTo { return try compareEditions(since: compareTo.date) }
            let month = luna, at = asOf?.date ?? Date()
            // A table of a month not over yet is not one to publish: said, and written all the same.
            if let warning = StatusReport.monthWarning(month, asOf: at) { OperatorLog.warn(warning) }
            let settings = try common.settings()
            let db = try App.connect(settings, as: .reporting)
            let table = try App.centralizer(db, settings: settings, luna: month, asOf: at)
            if let output {
                try Publisher.write(table, format: format.rawValue, to: output)
            } else {
                try emitThroughFile(format: format) { try Publisher.write(table, format: format.rawValue, to: $0) }
            }
        }
    }
}
