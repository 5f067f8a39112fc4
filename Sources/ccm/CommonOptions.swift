import ArgumentParser
import CCMApp
import Foundation

struct CommonOptions: ParsableArguments {
    @Option(help: "Conexiunea libpq (altfel CCM_DATABASE_URL, altfel baza încorporată din $CCM_HOME).")
    var databaseUrl: String?
    @Option(help: "Conexiunea rapoartelor (centralizator, status), un rol din ccm_citire (altfel CCM_DATABASE_URL_CITIRE, altfel cea de mai sus).")
    var databaseUrlCitire: String?
    @Option(help: "Fișierul de configurare (altfel CCM_CONFIG, altfel $CCM_HOME/ccm.toml).")
    var config: String?
    @Option(help: "Codul CAS al instalării (de exemplu TM).")
    var casa: String?
    @Option(help: "Mediul instalării: PRODUCTIE sau TEST.")
    var mediu: String?
    @Option(help: "required sau off (off numai cu --mediu TEST).")
    var signatures: String?
    @Option(help: "Dosarul arhivei (fișiere procesate).")
    var archive: String?
    @Option(help: "Dosarul carantinei (fișiere respinse).")
    var quarantine: String?
    @Option(help: "Dosarul cu schema XSD și nomenclatoarele.")
    var schemas: String?
    @Option(help: "Fișierul de reguli (severități, seturi datate); implicit Schemas/reguli.toml.")
    var rules: String?
    @Option(help: "Serverul SMTP: smtp://gazdă:port (STARTTLS când e oferit) sau smtps://gazdă:port.")
    var smtp: String?
    @Option(help: "Expeditorul rapoartelor de erori.")
    var from: String?

    func settings(inbox: String? = nil, settleSeconds: String? = nil) throws -> Settings {
        var o = Settings.Options()
        o.databaseURL = databaseUrl; o.readerDatabaseURL = databaseUrlCitire; o.config = config; o.casa = casa; o.mediu = mediu; o.signatures = signatures
        o.archive = archive; o.quarantine = quarantine; o.schemas = schemas; o.inbox = inbox; o.rules = rules
        o.smtp = smtp; o.from = from; o.settleSeconds = settleSeconds
        return try Settings.resolve(o)
    }
}

enum Time {
    /// ISO 8601 with an offset (`2026-11-10T10:00:00+02:00`).
    static func parse(_ s: String, option: String) throws -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        throw AppError.usage("\(option) \(s): se așteaptă o dată ISO 8601 cu fus orar, de exemplu 2026-11-10T10:00:00+02:00")
    }

    /// `--received-at`: a receipt in the future is never accepted (exit 1, nothing touched).
    static func receipt(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        let date = try parse(text, option: "--received-at")
        if date > Date() { throw AppError.usage("--received-at \(text) este în viitor; niciun fișier nu a fost atins") }
        return date
    }
}

/// Writes a produced document to --output (atomically) or standard output.
func emit(_ text: String, to output: String?) throws {
    guard let output else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    do { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
        throw AppError.usage("nu pot scrie \(output): \(error.localizedDescription)")
    }
}
