import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Stadiul și raportările unei luni.")
    @OptionGroup var common: ReportOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: YearMonth
    @Option(help: "Numai acest furnizor.") var cui: CUIArgument?
    @Option(help: "Starea la un moment din trecut, ISO 8601 cu fus orar.") var asOf: Moment?
    @Flag(help: "Ieșire JSON.") var json = false
    @Option(help: "Fișierul de ieșire (altfel ieșirea standard).") var output: String?

    /// `--cui`: as the registry keys it, its control digit right.
    func validate() throws {
        if let cui, !cui.cui.hasValidControlDigit { throw Status.notACUI(cui.text) }
    }

    func run() throws {
        try execute {
            let month = luna
            let provider = cui?.cui.digits
            let at = asOf?.date ?? Date()
            let settings = try common.settings()
            let db = try App.connect(settings, as: .reporting)
            let report = try StatusReport.build(db, settings: settings, luna: month, cui: provider, asOf: at)
            for warning in report.warnings { OperatorLog.warn(warning) }
            try emit(json ? report.json : report.text, to: output)
        }
    }

    /// `--cui` given something that is not a fiscal code, or one whose control digit is wrong.
    static func notACUI(_ text: String) -> AppError {
        .usage("--cui \(ReflectedText.quoted(text)): nu este un CUI (2–10 cifre, ultima fiind cifra de control)")
    }
}
