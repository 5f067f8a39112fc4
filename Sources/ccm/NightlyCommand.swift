import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Nightly: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ce rulează cron: procesează inbox-ul, reverifică lunile deschise (ultimele trei), trimite rapoartele de erori " +
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
            let settings = try common.settings(inbox: inbox, settleSeconds: settleSeconds)
            let rules = try RuleEngine.load(settings)
            let schema = try App.schema(settings)
            let db = try App.connect(settings, as: .batch)
            let summary = try IngestPipeline(settings: settings, db: db, schema: schema, rules: rules)
                .run(paths: [], receivedAt: receivedAt?.date, keepCertificateLines: false)
            Log.info("nightly: " + RomanianCount.of(summary.outcomes.count, "fișier", "fișiere") + ", "
                     + RomanianCount.of(summary.certificates, "certificat înregistrat", "certificate înregistrate"))
            let now = Date()
            var undelivered: [Notifier.Undelivered] = []
            for month in Revalidation.openMonths(now: now) {
                let s = try Revalidation.run(db: db, rules: rules, luna: month)
                Log.info("revalidare \(month): \(s.checked) verificate, \(s.changed) cu verdict nou, \(s.nowValid) devenite valide")
                if settings.smtpURL != nil {
                    let n = try Notifier.run(db: db, settings: settings, luna: month, mode: try Notify.mode(settings, dryRun: nil), now: now)
                    Log.info("notificări \(month): \(n.sent) trimise, \(n.alreadySent) trimise deja, \(n.failed) eșuate")
                    undelivered += n.undelivered
                }
            }
            if settings.smtpURL == nil { Log.warn("fără --smtp: rapoartele de erori nu au fost trimise") }
            if let month = Publisher.monthToPublish(now: now) {
                let dir = publish.map { URL(fileURLWithPath: $0) } ?? settings.publishDir ?? settings.home.appendingPathComponent("publicare")
                // Through the reader's grants: the public table cannot hold what that role cannot read.
                let reader = try App.connect(settings, as: .reporting, migrate: false)
                let table = try App.centralizer(reader, settings: settings, luna: month, asOf: now)
                let files = try Publisher.publish(table, into: dir)
                Log.info("centralizator \(month) publicat: \(files.joined(separator: ", "))")
            }
            if !undelivered.isEmpty {
                let files = summary.left > 0 ? AppError.filesLeft(summary.left).description + "; " : ""
                throw AppError.leftForLater(files + Notifier.describe(undelivered))
            }
            if summary.left > 0 { throw AppError.filesLeft(summary.left) }
        }
    }
}
