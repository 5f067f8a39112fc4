import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "Trimite furnizorilor rapoartele de erori ale unei luni (o singură dată).")
    @OptionGroup var common: NotifyOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: YearMonth
    @Option(help: "Scrie mesajele ca fișiere .eml în acest dosar în loc să le trimită.") var dryRun: String?

    func run() throws {
        try execute {
            let month = luna
            let settings = try common.settings()
            let db = try App.connect(settings, as: .batch)
            let s = try Notifier.run(db: db, settings: settings, luna: month, mode: try .configured(settings, dryRun: dryRun))
            OperatorLog.info(s.line(month))
            if !s.undelivered.isEmpty { throw AppError.leftForLater(Notifier.describe(s.undelivered)) }
        }
    }
}
