import ArgumentParser
import CCMApp
import CCMStore
import Foundation

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Baza de date: migrări și baza încorporată.",
        subcommands: [Migrate.self, URLCommand.self, Stop.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Creează sau actualizează schema bazei de date.")
        @Option var databaseUrl: String?
        func run() throws {
            try execute {
                let s = try Settings.resolve(options(databaseUrl))
                let db = try App.connect(s, migrate: false)
                let applied = try Migrations.migrate(db)
                print("schema la versiunea \(try Migrations.currentVersion(db))" +
                      (applied.isEmpty ? " (nimic de aplicat)" : " (aplicate: \(applied.map(String.init).joined(separator: ", ")))"))
            }
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url",
            abstract: "Pornește baza încorporată (dacă e nevoie) și afișează conexiunea ei.")
        func run() throws {
            try execute {
                let s = try Settings.resolve(Settings.Options())
                print(try EmbeddedPostgres(home: s.home).ensureRunning())
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

    static func options(_ url: String?) -> Settings.Options {
        var o = Settings.Options()
        o.databaseURL = url
        return o
    }
}

private func options(_ url: String?) -> Settings.Options { DB.options(url) }
