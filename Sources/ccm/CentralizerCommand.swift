import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct CentralizerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "centralizer",
        abstract: "Tabelul centralizator al unei luni: VALIDAT, CU ERORI, FĂRĂ RAPORTARE.")
    @OptionGroup var common: ReportOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: String
    @Option(help: "html, xlsx, csv, json sau text (tabel pentru terminal).") var format: String = "json"
    @Option(help: "Starea la un moment din trecut, ISO 8601 cu fus orar.") var asOf: String?
    @Option(help: "Fișierul de ieșire (altfel ieșirea standard).") var output: String?
    @Option(help: "Ce s-a schimbat de la ediția din acest moment (ISO 8601 cu fus orar) până la --as-of (altfel acum); formate json, html, csv, text, xlsx.")
    var compareTo: String?

    func run() throws {
        try execute {
            if let compareTo { return try compareEditions(since: compareTo) }
            guard let month = YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
            guard Publisher.formats.contains(format) || format == "text" else {
                throw AppError.usage("--format \(format): disponibile html, xlsx, csv, json și text")
            }
            let at = try asOf.map { try Time.parse($0, option: "--as-of") } ?? Date()
            // A table of a month not over yet is not one to publish: said, and written all the same.
            if let warning = StatusReport.monthWarning(month, asOf: at) { Log.warn(warning) }
            let settings = try common.settings()
            let db = try App.connect(settings, as: .reporting)
            let table = try App.centralizer(db, settings: settings, luna: month, asOf: at)
            if let output {
                try Publisher.write(table, format: format, to: output)
            } else {
                try emitThroughFile(format: format) { try Publisher.write(table, format: format, to: $0) }
            }
        }
    }
}
