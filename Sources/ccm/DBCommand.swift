import ArgumentParser
import CCMApp
import CCMCore
import CCMStore
import Foundation

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Baza de date: migrări și baza încorporată.",
        subcommands: [Migrate.self, URLCommand.self, Stop.self, Explain.self, Detach.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Creează sau actualizează schema bazei de date (cu URL-ul proprietarului ei).")
        @Option(help: ArgumentHelp("Conexiunea proprietarului bazei (altfel CCM_DATABASE_URL, altfel baza încorporată).", valueName: "url")) var databaseUrl: String?
        func run() throws {
            try execute {
                let s = try Settings.resolve(options(databaseUrl))
                let db: Connection, applied: [Int]
                if s.databaseURL == nil {
                    // The embedded cluster is migrated as its owner when it is opened.
                    let logins = try EmbeddedPostgres(home: s.home).ensureRunning()
                    db = try Connection(logins.owner)
                    applied = logins.applied
                } else {
                    db = try App.connect(s, as: .owner, migrate: false)
                    applied = try App.migrateIfAllowed(db)
                }
                print("schema la versiunea \(try Migrations.currentVersion(db))" +
                      (applied.isEmpty ? " (nimic de aplicat)" : " (aplicate: \(applied.map(String.init).joined(separator: ", ")))"))
            }
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url",
            abstract: "Pornește baza încorporată (dacă e nevoie) și afișează conexiunea lotului (ccm_batch, din ccm_scriere).")
        @Flag(help: "Conexiunea rapoartelor (ccm_raport, din ccm_citire: fără CNP-uri, nume, diagnostice).") var citire = false
        @Flag(name: [.customLong("proprietar"), .customLong("owner")],
              help: "Conexiunea proprietarului bazei (superutilizatorul clusterului): numai pentru migrări și administrare.")
        var proprietar = false
        func run() throws {
            try execute {
                guard !(citire && proprietar) else { throw AppError.usage("--citire și --proprietar nu se pot da împreună") }
                let s = try Settings.resolve(Settings.Options())
                let logins = try EmbeddedPostgres(home: s.home).ensureRunning()
                print(citire ? logins.reader : proprietar ? logins.owner : logins.batch)
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Oprește baza încorporată.")
        func run() throws {
            try execute {
                let s = try Settings.resolve(Settings.Options())
                try EmbeddedPostgres(home: s.home).stop()
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Planurile de execuție (EXPLAIN ANALYZE) ale centralizatorului la un moment dat și ale căutării în istoric.")
        @OptionGroup var common: ExplainOptions
        @Option(help: "Luna, AAAA-LL.") var luna: String
        @Option(help: "Momentul, ISO 8601 cu fus orar (implicit acum).") var asOf: String?
        @Option(help: "Un certificat pentru căutarea în istoric: SERIE.") var serie = "CCMAM"
        @Option(help: "… NUMAR.") var numar = "1"
        @Option(help: "… CNP-ul asiguratului.") var cnp = "1850512350011"

        func run() throws {
            try execute {
                guard let month = CCMCore.YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
                let at = try asOf.map { try Time.parse($0, option: "--as-of") } ?? Date()
                let settings = try common.settings()
                let db = try App.connect(settings, as: .batch)
                for (name, plan) in try MonthStore(db).explain(casa: try settings.deployment().casa, luna: month, asOf: at) {
                    print("== centralizator: \(name)\n\(plan)\n")
                }
                print("== istoric: vecinii unui certificat\n" + (try HistoryStore(db).explain(
                    serie: serie, numar: numar, chain: ChainKey(serie: serie, numar: numar), cnp: cnp, cnpCopil: nil)))
            }
        }
    }

    struct Detach: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "detaseaza",
            abstract: "Detașează versiunile de certificate ale unei luni vechi într-un tabel separat (nimic nu se șterge), " +
                      "dacă regulile lunilor deschise nu le mai citesc (cu URL-ul proprietarului bazei).")
        @Option(help: ArgumentHelp("Conexiunea proprietarului bazei (altfel CCM_DATABASE_URL, altfel baza încorporată).", valueName: "url")) var databaseUrl: String?
        @Option(help: ArgumentHelp("Fișierul de reguli (altfel cel din Schemas/): lanțul cel mai lung pe care îl citesc.", valueName: "fișier"))
        var rules: String?
        @Option(help: "Luna, AAAA-LL.") var luna: String
        func run() throws {
            try execute {
                guard let month = CCMCore.YearMonth(luna) else { throw AppError.usage("--luna \(luna): se așteaptă AAAA-LL") }
                var o = options(databaseUrl)
                o.rules = rules
                print(try MonthDetachment.run(settings: try Settings.resolve(o), luna: month))
            }
        }
    }

    static func options(_ url: String?) -> Settings.Options {
        var o = Settings.Options()
        o.databaseURL = url
        return o
    }
}

private func options(_ url: String?) -> Settings.Options { DB.options(url) }
