import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stadiul și raportările unei luni.")
    @OptionGroup var common: ReportOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: YearMonth
    @Option(help: "Numai acest furnizor.") var cui: String?
    @Option(help: "Starea la un moment din trecut, ISO 8601 cu fus orar.") var asOf: Moment?
    @Flag(help: "Ieșire JSON.") var json = false
    @Option(help: "Fișierul de ieșire (altfel ieșirea standard).") var output: String?

    func run() throws {
        try execute {
            let month = luna
            let provider = try cui.map(Status.provider)
            let at = asOf?.date ?? Date()
            let settings = try common.settings()
            let db = try App.connect(settings, as: .reporting)
            let report = try StatusReport.build(db, settings: settings, luna: month, cui: provider, asOf: at)
            for warning in report.warnings { Log.warn(warning) }
            try emit(json ? report.json : report.text, to: output)
        }
    }

    /// `--cui`: a fiscal code by its syntax and control digit (`RO` prefix allowed), as the registry keys it.
    static func provider(_ text: String) throws -> String {
        guard let c = CUI(text), c.hasValidControlDigit else {
            throw AppError.usage("--cui \(ReflectedText.quoted(text)): nu este un CUI (2–10 cifre, ultima fiind cifra de control)")
        }
        return c.digits
    }
}
