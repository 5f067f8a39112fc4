import ArgumentParser
import CCMApp
import CCMCore
import Foundation

// The options of `05-cli.md` in groups, so that each subcommand takes (and its help lists) only
// those it uses; each can also come from ccm.toml or the environment (Settings.resolve).

/// A group of options that fills its part of `Settings.Options`.
protocol SettingsGroup: ParsableArguments {
    func fill(_ o: inout Settings.Options)
}

extension SettingsGroup {
    func settings(inbox: String? = nil, settleSeconds: String? = nil) throws -> Settings {
        var o = Settings.Options()
        fill(&o)
        o.inbox = inbox; o.settleSeconds = settleSeconds
        return try Settings.resolve(o)
    }
}

enum Section {
    static let database = "Baza de date și configurarea"
    static let deployment = "Instalarea"
    static let checks = "Verificarea"
    static let folders = "Dosarele"
    static let mail = "Poșta"
}

struct DatabaseOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Conexiunea libpq (altfel CCM_DATABASE_URL, altfel baza încorporată din $CCM_HOME).", valueName: "url"))
    var databaseUrl: String?
    @Option(help: ArgumentHelp("Fișierul de configurare (altfel CCM_CONFIG, altfel $CCM_HOME/ccm.toml).", valueName: "fișier"))
    var config: String?
    func fill(_ o: inout Settings.Options) { o.databaseURL = databaseUrl; o.config = config }
}

struct ReaderOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Conexiunea rapoartelor (centralizator, status), un rol din ccm_citire " +
                               "(altfel CCM_DATABASE_URL_CITIRE, altfel cea de mai sus).", valueName: "url"))
    var databaseUrlCitire: String?
    func fill(_ o: inout Settings.Options) { o.readerDatabaseURL = databaseUrlCitire }
}

struct CasaOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Codul CAS al instalării (de exemplu TM); documentele pentru altă CAS primesc F07.", valueName: "cod"))
    var casa: String?
    func fill(_ o: inout Settings.Options) { o.casa = casa }
}

struct MediuOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Mediul instalării: PRODUCTIE (implicit) sau TEST; documentele din alt mediu primesc F13.", valueName: "mediu"))
    var mediu: Environment?
    func fill(_ o: inout Settings.Options) { o.mediu = mediu?.rawValue }
}

struct SchemasOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Dosarul cu schema XSD și nomenclatoarele (implicit Schemas/ de lângă ccm).", valueName: "dosar"))
    var schemas: String?
    func fill(_ o: inout Settings.Options) { o.schemas = schemas }
}

struct RulesOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Fișierul de reguli (severități, seturi datate); implicit Schemas/reguli.toml.", valueName: "fișier"))
    var rules: String?
    func fill(_ o: inout Settings.Options) { o.rules = rules }
}

struct SignatureOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Verificarea semnăturilor: required (implicit) sau off (off numai cu --mediu TEST).", valueName: "mod"))
    var signatures: Settings.SignatureMode?
    func fill(_ o: inout Settings.Options) { o.signatures = signatures?.rawValue }
}

struct FolderOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Dosarul arhivei (fișiere procesate; implicit $CCM_HOME/arhiva).", valueName: "dosar"))
    var archive: String?
    @Option(help: ArgumentHelp("Dosarul carantinei (fișiere respinse; implicit $CCM_HOME/carantina).", valueName: "dosar"))
    var quarantine: String?
    func fill(_ o: inout Settings.Options) { o.archive = archive; o.quarantine = quarantine }
}

struct MailOptions: SettingsGroup {
    @Option(help: ArgumentHelp("Serverul SMTP: smtp://gazdă:port (STARTTLS când e oferit) sau smtps://gazdă:port; " +
                               "utilizatorul și parola din CCM_SMTP_USER și CCM_SMTP_PASSWORD.", valueName: "url"))
    var smtp: String?
    @Option(help: ArgumentHelp("Expeditorul rapoartelor de erori.", valueName: "adresă"))
    var from: String?
    func fill(_ o: inout Settings.Options) { o.smtp = smtp; o.from = from }
}

/// registry, trust, signers: the database only.
struct StoreOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    func fill(_ o: inout Settings.Options) { database.fill(&o) }
}

/// centralizer, status: the reader's connection and the CAS whose table it is.
struct ReportOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    @OptionGroup(title: Section.database) var reader: ReaderOptions
    @OptionGroup(title: Section.deployment) var casa: CasaOptions
    @OptionGroup(title: Section.deployment) var schemas: SchemasOptions
    func fill(_ o: inout Settings.Options) { database.fill(&o); reader.fill(&o); casa.fill(&o); schemas.fill(&o) }
}

/// db explain: the database and the deployment's CAS.
struct ExplainOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    @OptionGroup(title: Section.deployment) var casa: CasaOptions
    func fill(_ o: inout Settings.Options) { database.fill(&o); casa.fill(&o) }
}

/// ingest: what judges a file and where it goes.
struct IngestOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    @OptionGroup(title: Section.deployment) var casa: CasaOptions
    @OptionGroup(title: Section.deployment) var mediu: MediuOptions
    @OptionGroup(title: Section.checks) var schemas: SchemasOptions
    @OptionGroup(title: Section.checks) var rules: RulesOptions
    @OptionGroup(title: Section.checks) var signatures: SignatureOptions
    @OptionGroup(title: Section.folders) var folders: FolderOptions
    func fill(_ o: inout Settings.Options) {
        database.fill(&o); casa.fill(&o); mediu.fill(&o); schemas.fill(&o); rules.fill(&o); signatures.fill(&o); folders.fill(&o)
    }
}

/// revalidate: the rules again, on what is stored.
struct RevalidateOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    @OptionGroup(title: Section.checks) var schemas: SchemasOptions
    @OptionGroup(title: Section.checks) var rules: RulesOptions
    func fill(_ o: inout Settings.Options) { database.fill(&o); schemas.fill(&o); rules.fill(&o) }
}

/// notify: the CAS (its house's name, its providers) and the mail server.
struct NotifyOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    @OptionGroup(title: Section.deployment) var casa: CasaOptions
    @OptionGroup(title: Section.deployment) var schemas: SchemasOptions
    @OptionGroup(title: Section.mail) var mail: MailOptions
    func fill(_ o: inout Settings.Options) { database.fill(&o); casa.fill(&o); schemas.fill(&o); mail.fill(&o) }
}

/// nightly: everything the commands it runs take.
struct NightlyOptions: SettingsGroup {
    @OptionGroup(title: Section.database) var database: DatabaseOptions
    @OptionGroup(title: Section.database) var reader: ReaderOptions
    @OptionGroup(title: Section.deployment) var casa: CasaOptions
    @OptionGroup(title: Section.deployment) var mediu: MediuOptions
    @OptionGroup(title: Section.checks) var schemas: SchemasOptions
    @OptionGroup(title: Section.checks) var rules: RulesOptions
    @OptionGroup(title: Section.checks) var signatures: SignatureOptions
    @OptionGroup(title: Section.folders) var folders: FolderOptions
    @OptionGroup(title: Section.mail) var mail: MailOptions
    func fill(_ o: inout Settings.Options) {
        for g in [database, reader, casa, mediu, schemas, rules, signatures, folders, mail] as [any SettingsGroup] { g.fill(&o) }
    }
}

/// `--received-at`: a receipt in the future is never accepted (exit 1, nothing touched).
func refuseFutureReceipt(_ receivedAt: Moment?) throws {
    if let r = receivedAt, r.date > Date() { throw AppError.usage("--received-at \(r.text) este în viitor; niciun fișier nu a fost atins") }
}

/// Writes a produced document to --output (atomically) or standard output.
func emit(_ text: String, to output: String?) throws {
    guard let output else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    try CommandOutput.write(text, to: output)
}

/// Standard output for a document only written as a file (the XLSX workbook): through a temporary file.
func emitThroughFile(format: OutputFormat, _ write: (String) throws -> Void) throws {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-\(UUID().uuidString).\(format.rawValue)")
    defer { try? FileManager.default.removeItem(at: tmp) }
    try write(tmp.path)
    FileHandle.standardOutput.write(try Data(contentsOf: tmp))
}
