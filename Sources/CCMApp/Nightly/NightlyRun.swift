import CCMCore
import CCMRuntime
import Foundation

/// What cron runs: the inbox ingested, the open months (the last three) judged again and, when
/// SMTP is configured, their error reports sent; from the 14th to the 18th and on the month's
/// last day, last month's centralizer published in every format.
public enum NightlyRun {
    /// Ends with `AppError.leftForLater` or `.filesLeft` (exit 3) when files stayed in the inbox
    /// or reports went undelivered; each step says what it did in the log.
    public static func run(settings: Settings, receivedAt: Date?, publish: URL?) throws {
        let session = try IngestSession.open(settings)
        let summary = try session.pipeline.run(paths: [], receivedAt: receivedAt, keepCertificateLines: false)
        Log.info("nightly: " + RomanianCount.of(summary.outcomes.count, "fișier", "fișiere") + ", "
                 + RomanianCount.of(summary.certificates, "certificat înregistrat", "certificate înregistrate"))
        let now = Date()
        var undelivered: [Notifier.Undelivered] = []
        for month in Revalidation.openMonths(now: now) {
            let s = try Revalidation.run(db: session.db, rules: session.rules, luna: month)
            Log.info(s.line(month))
            if settings.smtpURL != nil {
                let n = try Notifier.run(db: session.db, settings: settings, luna: month,
                                         mode: try .configured(settings, dryRun: nil), now: now)
                Log.info(n.line(month))
                undelivered += n.undelivered
            }
        }
        if settings.smtpURL == nil { Log.warn("fără --smtp: rapoartele de erori nu au fost trimise") }
        if let month = Publisher.monthToPublish(now: now) {
            let dir = publish ?? settings.publishDir ?? settings.home.appendingPathComponent("publicare")
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
