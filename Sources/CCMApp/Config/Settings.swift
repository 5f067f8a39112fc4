import CCMCore
import CCMStore
import Foundation

/// Everything a command needs, resolved once: command line, then environment, then the
/// configuration file, then defaults.
public struct Settings {
    public enum SignatureMode: String { case required, off }

    public var home: URL
    /// The batch's connection (a member of `ccm_scriere`); nil: the embedded default.
    public var databaseURL: String?
    /// The reporting's connection (a member of `ccm_citire`); nil: the batch's.
    public var readerDatabaseURL: String? = nil
    /// The deployment's CAS; commands that judge or report documents require it.
    public var casa: String?
    public var mediu: Environment
    public var signatures: SignatureMode
    public var schemasDir: URL
    /// The rules file (severities, dated rule sets); default `Schemas/reguli.toml`.
    public var rulesFile: URL?
    public var archiveDir: URL
    public var quarantineDir: URL
    public var inboxDir: URL
    public var maxFileBytes: Int
    /// The largest detached `.p7s` read (`max_signature_mb`, default 1): a larger one is F04 unread.
    public var maxSignatureBytes = Settings.defaultMaxSignatureBytes
    public static let defaultMaxSignatureBytes = 1 << 20
    /// How long reading one file may take before it is refused (F01): a file that would hang
    /// the parser does not hold the batch.
    public var maxFileSeconds: Double = 300
    /// A file that ends before its document does and changed less than this many seconds ago
    /// is one still being written: left in the inbox (`05-cli.md`).
    public var settleSeconds: Double = 60
    /// `smtp://host:port` (STARTTLS when offered) or `smtps://host:port`.
    public var smtpURL: String? = nil
    public var mailFrom: String? = nil
    /// The sender's display name; the house's short name ("CAS Timiș") when not configured.
    public var mailFromName: String? = nil
    /// How a provider reaches the CAS (a line: telephone, address, e-mail), on the page and in e-mails.
    public var contact: String? = nil
    /// Where `nightly` writes the centralizer in the publishing window.
    public var publishDir: URL? = nil

    /// The settings every command needs; the others keep their defaults until `resolve` sets them.
    public init(home: URL, databaseURL: String?, casa: String?, mediu: Environment, signatures: SignatureMode, schemasDir: URL,
                rulesFile: URL?, archiveDir: URL, quarantineDir: URL, inboxDir: URL, maxFileBytes: Int) {
        self.home = home; self.databaseURL = databaseURL; self.casa = casa; self.mediu = mediu; self.signatures = signatures
        self.schemasDir = schemasDir; self.rulesFile = rulesFile; self.archiveDir = archiveDir; self.quarantineDir = quarantineDir
        self.inboxDir = inboxDir; self.maxFileBytes = maxFileBytes
    }

    /// Options as given on the command line (nil = not given).
    public struct Options {
        public var databaseURL: String?
        public var readerDatabaseURL: String?
        public var config: String?
        public var casa: String?
        public var mediu: String?
        public var signatures: String?
        public var archive: String?
        public var quarantine: String?
        public var inbox: String?
        public var schemas: String?
        public var rules: String?
        public var smtp: String?
        public var from: String?
        public var publish: String?
        public var settleSeconds: String?
        public init() {}
    }

    public static func resolve(_ o: Options, environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let home = URL(fileURLWithPath: env["CCM_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                       ?? (NSHomeDirectory() + "/.local/share/ccm"))
        let configPath = o.config ?? env["CCM_CONFIG"]
        var file = ConfigFile()
        if let p = configPath { file = try ConfigFile.load(p) }
        else if FileManager.default.fileExists(atPath: home.appendingPathComponent("ccm.toml").path) {
            file = try ConfigFile.load(home.appendingPathComponent("ccm.toml").path)
        }
        func pick(_ cli: String?, _ key: String, env envKey: String? = nil) -> String? {
            cli ?? envKey.flatMap { env[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? file.values[key]
        }
        let casa = pick(o.casa, "casa", env: "CCM_CASA")
        if let c = casa, !CasaCode.all.contains(c) { throw AppError.usage("--casa \(c) nu este un cod de județ") }
        let mediuText = pick(o.mediu, "mediu", env: "CCM_MEDIU") ?? Environment.productie.rawValue
        guard let mediu = Environment(rawValue: mediuText) else { throw AppError.usage("--mediu trebuie să fie PRODUCTIE sau TEST") }
        let sigText = pick(o.signatures, "signatures") ?? SignatureMode.required.rawValue
        guard let sig = SignatureMode(rawValue: sigText) else { throw AppError.usage("--signatures trebuie să fie required sau off") }
        if sig == .off && mediu != .test {
            throw AppError.usage("--signatures off este permis numai cu --mediu TEST")
        }
        let maxMB = Int(file.values["max_file_mb"] ?? "256") ?? 256
        func dir(_ cli: String?, _ key: String, _ fallback: String) -> URL {
            URL(fileURLWithPath: pick(cli, key) ?? home.appendingPathComponent(fallback).path)
        }
        var settings = Settings(
            home: home,
            databaseURL: pick(o.databaseURL, "database_url", env: "CCM_DATABASE_URL"),
            casa: casa, mediu: mediu, signatures: sig,
            schemasDir: URL(fileURLWithPath: pick(o.schemas, "schemas", env: "CCM_SCHEMAS") ?? Settings.defaultSchemas()),
            rulesFile: pick(o.rules, "rules", env: "CCM_RULES").map { URL(fileURLWithPath: $0) },
            archiveDir: dir(o.archive, "archive", "arhiva"),
            quarantineDir: dir(o.quarantine, "quarantine", "carantina"),
            inboxDir: dir(o.inbox, "inbox", "inbox"),
            maxFileBytes: maxMB * 1024 * 1024)
        if let s = file.values["max_file_seconds"] {
            guard let v = Double(s), v > 0 else { throw AppError.usage("max_file_seconds trebuie să fie un număr pozitiv de secunde") }
            settings.maxFileSeconds = v
        }
        if let s = file.values["max_signature_mb"] {
            guard let v = Double(s), v > 0, v <= 1024 else {
                throw AppError.usage("max_signature_mb trebuie să fie un număr pozitiv de MB (cel mult 1024)")
            }
            settings.maxSignatureBytes = Int(v * 1024 * 1024)
        }
        if let s = o.settleSeconds ?? file.values["settle_seconds"] {
            guard let v = Double(s), v >= 0, v <= 86_400 else {
                throw AppError.usage("settle_seconds trebuie să fie un număr de secunde între 0 și 86400 (primit: \(s))")
            }
            settings.settleSeconds = v
        }
        settings.readerDatabaseURL = pick(o.readerDatabaseURL, "database_url_citire", env: "CCM_DATABASE_URL_CITIRE")
        // A connection string libpq cannot read is the configuration's fault (exit 1), named where it was given.
        for (value, cli, key, envKey, option) in [(settings.databaseURL, o.databaseURL, "database_url", "CCM_DATABASE_URL", "--database-url"),
                                                  (settings.readerDatabaseURL, o.readerDatabaseURL, "database_url_citire",
                                                   "CCM_DATABASE_URL_CITIRE", "--database-url-citire")] {
            guard let value, let problem = Connection.problem(value) else { continue }
            let source = cli != nil ? option : (env[envKey].map { !$0.isEmpty } ?? false) ? envKey
                : "\(key) în \(configPath ?? home.appendingPathComponent("ccm.toml").path)"
            throw AppError.usage("\(source): conexiunea la baza de date nu este validă: \(problem)")
        }
        settings.smtpURL = pick(o.smtp, "smtp", env: "CCM_SMTP")
        settings.mailFrom = pick(o.from, "from", env: "CCM_FROM")
        settings.mailFromName = pick(nil, "from_name", env: "CCM_FROM_NAME")
        settings.contact = pick(nil, "contact", env: "CCM_CONTACT")
        for (key, value) in [("from_name", settings.mailFromName), ("contact", settings.contact)] {
            if let v = value, v.isEmpty || v.count > 300 || ReflectedText.hasControl(v) {
                throw AppError.usage("\(key) trebuie să fie un singur rând de cel mult 300 de caractere")
            }
        }
        settings.publishDir = pick(o.publish, "publish", env: "CCM_PUBLISH").map { URL(fileURLWithPath: $0) }
        return settings
    }

    public func deployment() throws -> Deployment {
        guard let casa else {
            throw AppError.usage("lipsește codul CAS: --casa COD (de exemplu TM) sau casa = \"TM\" în ccm.toml")
        }
        return Deployment(casa: casa, mediu: mediu)
    }

    /// The deployment's house as the nomenclator names it ("CAS Timiș").
    public func house() throws -> HealthInsuranceHouse {
        let code = try deployment().casa
        guard let house = try NomenclatorFiles.houses(schemasDir)[code] else {
            throw AppError.usage("casa \(code) lipsește din nomenclatoare/case-asigurari.csv")
        }
        return house
    }

    /// `Schemas/` beside the executable's package (…/.build/debug/ccm → …/Schemas), or
    /// /usr/share/ccm/Schemas for an installed copy.
    static func defaultSchemas() -> String {
        var dir = (Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe")).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("Schemas")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ccm-raportare-v1.xsd").path) {
                return candidate.path
            }
            dir = dir.deletingLastPathComponent()
        }
        return "/usr/share/ccm/Schemas"
    }
}
