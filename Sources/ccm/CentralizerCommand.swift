import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct CentralizerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "centralizer",
        abstract: "Tabelul centralizator al unei luni: VALIDAT, CU ERORI, FĂRĂ RAPORTARE.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: String
    @Option(help: "json, csv sau text (tabel pentru terminal); html și xlsx vin cu publicarea.") var format: String = "json"
    @Option(help: "Starea la un moment din trecut, ISO 8601 cu fus orar.") var asOf: String?
    @Option(help: "Fișierul de ieșire (altfel ieșirea standard).") var output: String?

    func run() throws {
        try execute {
            guard let month = YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
            guard ["json", "csv", "text"].contains(format) else {
                throw AppError.usage("--format \(format): disponibile json, csv și text (html și xlsx vin cu publicarea)")
            }
            let at = try asOf.map { try Time.parse($0, option: "--as-of") } ?? Date()
            let settings = try common.settings()
            let db = try App.connect(settings)
            let table = try App.centralizer(db, settings: settings, luna: month, asOf: at)
            let rendered: String
            switch format {
            case "csv": rendered = CentralizerCSV.render(table)
            case "text": rendered = CentralizerText.render(table)
            default: rendered = CentralizerJSON.render(table)
            }
            try emit(rendered, to: output)
        }
    }
}
