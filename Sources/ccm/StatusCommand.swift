import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stadiul și raportările unei luni.")
    @OptionGroup var common: ReportOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: String
    @Option(help: "Numai acest furnizor.") var cui: String?
    @Option(help: "Starea la un moment din trecut, ISO 8601 cu fus orar.") var asOf: String?
    @Flag(help: "Ieșire JSON.") var json = false
    @Option(help: "Fișierul de ieșire (altfel ieșirea standard).") var output: String?

    func run() throws {
        try execute {
            guard let month = YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
            let at = try asOf.map { try Time.parse($0, option: "--as-of") } ?? Date()
            let settings = try common.settings()
            let db = try App.connect(settings, as: .reporting)
            let report = try StatusReport.build(db, settings: settings, luna: month, cui: cui, asOf: at)
            try emit(json ? report.json : report.text, to: output)
        }
    }
}
