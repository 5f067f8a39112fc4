import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Baza de date: migrări și baza încorporată.",
        subcommands: [Migrate.self, URLCommand.self, Stop.self, Explain.self, Detach.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Creează sau actualizează schema bazei de date (cu URL-ul proprietarului ei).")
        @Option(help: ArgumentHelp("Conexiunea proprietarului bazei (altfel CCM_DATABASE_URL, altfel baza încorporată).", valueName: "url")) var databaseUrl: String?
        func run() throws {
            try execute {
                let r = try SchemaMigration.run(try Settings.resolve(options(databaseUrl)))
                print("schema la versiunea \(r.version)" +
                      (r.applied.isEmpty ? " (nimic de aplicat)" : " (aplicate: \(r.applied.map(String.init).joined(separator: ", ")))"))
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
        func validate() throws {
            if citire && proprietar { throw AppError.usage("--citire și --proprietar nu se pot da împreună") }
        }
        func run() throws {
            try execute {
                let s = try Settings.resolve(Settings.Options())
                print(try EmbeddedDatabase.url(s, as: citire ? .reader : proprietar ? .owner : .batch))
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Oprește baza încorporată.")
        func run() throws {
            try execute {
                let s = try Settings.resolve(Settings.Options())
                try EmbeddedDatabase.stop(s)
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain", abstract: "Planurile de execuție (EXPLAIN ANALYZE) ale centralizatorului la un moment dat și ale căutării în istoric.")
        @OptionGroup var common: ExplainOptions
        @Option(help: "Luna, AAAA-LL.") var luna: YearMonth
        @Option(help: "Momentul, ISO 8601 cu fus orar (implicit acum).") var asOf: Moment?
        @Option(help: "Un certificat pentru căutarea în istoric: SERIE.") var serie = "CCMAM"
        @Option(help: "… NUMAR.") var numar = "1"
        @Option(help: "… CNP-ul asiguratului.") var cnp = "1850512350011"

        func run() throws {
            try execute {
                let plans = try QueryPlans.explain(try common.settings(), luna: luna, asOf: asOf?.date ?? Date(), serie: serie, numar: numar, cnp: cnp)
                for (name, plan) in plans.centralizer { print("== centralizator: \(name)\n\(plan)\n") }
                print("== istoric: vecinii unui certificat\n" + plans.history)
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
        @Option(help: "Luna, AAAA-LL.") var luna: YearMonth
        func run() throws {
            try execute {
                var o = options(databaseUrl)
                o.rules = rules
                print(try MonthDetachment.run(settings: try Settings.resolve(o), luna: luna))
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
