import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Revalidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reverifică certificatele cu erori ale unei luni; un verdict schimbat devine o versiune nouă.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: String

    func run() throws {
        try execute {
            guard let month = YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
            let settings = try common.settings()
            let rules = try RuleEngine.load(settings)
            let db = try App.connect(settings)
            let s = try Revalidation.run(db: db, rules: rules, luna: month)
            Log.info("revalidare \(month): \(s.checked) certificate cu erori verificate, \(s.changed) cu verdict nou, \(s.nowValid) devenite valide")
        }
    }
}

struct Nightly: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ce rulează cron: procesează inbox-ul, apoi reverifică lunile deschise (ultimele trei).")
    @OptionGroup var common: CommonOptions
    @Option(help: "Dosarul inbox.") var inbox: String?

    func run() throws {
        try execute {
            let settings = try common.settings(inbox: inbox)
            let rules = try RuleEngine.load(settings)
            let schema = try App.schema(settings)
            let db = try App.connect(settings)
            let summary = try IngestPipeline(settings: settings, db: db, schema: schema, rules: rules)
                .run(paths: [], receivedAt: nil, keepCertificateLines: false)
            Log.info("nightly: \(summary.outcomes.count) fișiere, \(summary.certificates) certificate înregistrate")
            for month in Revalidation.openMonths() {
                let s = try Revalidation.run(db: db, rules: rules, luna: month)
                Log.info("revalidare \(month): \(s.checked) verificate, \(s.changed) cu verdict nou, \(s.nowValid) devenite valide")
            }
            if summary.left > 0 { throw AppError.filesLeft(summary.left) }
        }
    }
}
