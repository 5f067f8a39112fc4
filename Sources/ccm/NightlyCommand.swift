import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Nightly: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly", abstract: "Ce rulează cron: procesează inbox-ul, reverifică lunile deschise (ultimele trei), trimite rapoartele de erori " +
                  "și, între 14 și 18 și în ultima zi a lunii, publică centralizatorul lunii trecute.")
    @OptionGroup var common: NightlyOptions
    @Option(help: "Dosarul inbox.") var inbox: String?
    @Option(help: "Momentul primirii, ISO 8601 cu fus orar, pentru toate fișierele inbox-ului (altfel momentul sosirii: ctime); nu poate fi în viitor.")
    var receivedAt: Moment?
    @Option(help: "Un fișier incomplet modificat de mai puțin de atâtea secunde este lăsat în inbox (implicit 60; settle_seconds în ccm.toml).")
    var settleSeconds: String?
    @Option(help: "Dosarul de publicare a centralizatorului (altfel publish din ccm.toml, altfel $CCM_HOME/publicare).") var publish: String?

    func validate() throws { try refuseFutureReceipt(receivedAt) }

    func run() throws {
        try execute {
            try NightlyRun.run(settings: try common.settings(inbox: inbox, settleSeconds: settleSeconds),
                               receivedAt: receivedAt?.date, publish: publish.map { URL(fileURLWithPath: $0) })
        }
    }
}
