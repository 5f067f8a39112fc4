import CCMApp
import CCMCore
import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// Issue 25's CLI: help in Romanian only, each subcommand with its own options, every error one
/// Romanian line with the exit code of `05-cli.md`, and a terminal that is not flooded.
final class CLIContractTests: DatabaseTestCase {
    /// What swift-argument-parser writes itself, in English.
    static let english = ["USAGE:", "OPTIONS:", "SUBCOMMANDS:", "ARGUMENTS:", "OVERVIEW:", "Show help information",
                          "Show subcommand help", "See '", "for detailed help", "for more information", "Error:", "Usage:",
                          "Help:", "Missing expected argument", "Missing value", "Unknown option", "(default:", "<subcommand>",
                          "<options>", "Please provide"]

    /// Every command path of ccm, from its own description of itself.
    func commandPaths() throws -> [[String]] {
        let dump = try CLI.run(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        struct Command: Decodable { var commandName: String; var subcommands: [Command]? }
        struct Dump: Decodable { var command: Command }
        func walk(_ c: Command, _ path: [String]) -> [[String]] {
            [path] + (c.subcommands ?? []).filter { $0.commandName != "help" }.flatMap { walk($0, path + [$0.commandName]) }
        }
        return walk(try JSONDecoder().decode(Dump.self, from: dump.stdoutBytes).command, [])
    }

    func testHelpIsRomanianForEveryCommand() throws {
        let paths = try commandPaths()
        XCTAssertGreaterThan(paths.count, 20)
        for path in paths {
            for args in [path + ["--help"], path + ["-h"], ["help"] + path] {
                let r = try CLI.run(args)
                XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
                XCTAssertTrue(r.stdout.contains("UTILIZARE: ccm"), "\(args): \(r.stdout)")
                XCTAssertTrue(r.stdout.contains("-h, --help                Afișează acest ajutor."), "\(args): \(r.stdout)")
                for e in Self.english { XCTAssertFalse(r.stdout.contains(e), "\(args) shows \(e):\n\(r.stdout)") }
            }
        }
        // A group given no subcommand, and ccm alone, show their help.
        for args in [[], ["db"], ["signers"]] {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("SUBCOMENZI:"), r.stdout)
        }
    }

    /// Every command, option and argument says what it is.
    func testEveryOptionHasItsHelp() throws {
        struct Name: Decodable { var name: String }
        struct Argument: Decodable { var names: [Name]?; var valueName: String?; var abstract: String?; var shouldDisplay: Bool? }
        struct Command: Decodable { var commandName: String; var abstract: String?; var subcommands: [Command]?; var arguments: [Argument]? }
        struct Dump: Decodable { var command: Command }
        func check(_ c: Command, _ path: String) {
            XCTAssertFalse((c.abstract ?? "").isEmpty, path)
            for a in c.arguments ?? [] where a.shouldDisplay ?? true && !(a.names ?? []).contains(where: { $0.name == "help" }) {
                XCTAssertFalse((a.abstract ?? "").isEmpty, "\(path) \(a.names?.first?.name ?? a.valueName ?? "?")")
            }
            for s in c.subcommands ?? [] where s.commandName != "help" { check(s, path + " " + s.commandName) }
        }
        check(try JSONDecoder().decode(Dump.self, from: CLI.run(["--experimental-dump-help"]).stdoutBytes).command, "ccm")
    }

    func testEachSubcommandListsOnlyItsOwnOptions() throws {
        func options(_ args: [String]) throws -> Set<String> {
            let help = try CLI.run(args + ["--help"]).stdout
            return Set(help.split(separator: "\n").compactMap { line in
                line.hasPrefix("  --") ? String(line.dropFirst(2).prefix { $0 != " " }) : nil
            })
        }
        let table: [([String], has: [String], hasNot: [String])] = [
            (["centralizer"], ["--luna", "--format", "--output", "--database-url", "--database-url-citire", "--config", "--casa", "--schemas"],
             ["--smtp", "--from", "--archive", "--quarantine", "--signatures", "--rules", "--mediu"]),
            (["status"], ["--luna", "--database-url-citire", "--casa"], ["--smtp", "--archive", "--quarantine", "--signatures"]),
            (["ingest"], ["--casa", "--mediu", "--signatures", "--rules", "--schemas", "--archive", "--quarantine", "--inbox", "--verbose"],
             ["--smtp", "--from", "--database-url-citire"]),
            (["revalidate"], ["--luna", "--rules", "--schemas", "--database-url"], ["--smtp", "--archive", "--signatures"]),
            (["notify"], ["--luna", "--smtp", "--from", "--dry-run", "--casa"], ["--archive", "--quarantine", "--signatures", "--rules"]),
            (["nightly"], ["--smtp", "--from", "--archive", "--quarantine", "--signatures", "--rules", "--casa", "--mediu", "--publish",
                           "--database-url-citire"], []),
            (["registry", "import"], ["--database-url", "--config", "--at"], ["--casa", "--smtp", "--archive", "--signatures"]),
            (["trust", "add"], ["--database-url"], ["--casa", "--smtp", "--archive"]),
            (["signers", "request"], ["--cui", "--cert", "--cnp", "--nume", "--email", "--rol", "--at", "--database-url"], ["--casa", "--smtp"]),
            (["signers", "accept"], ["--cui", "--cert-sha256", "--at"], ["--casa", "--smtp"]),
        ]
        for (args, has, hasNot) in table {
            let listed = try options(args)
            for o in has { XCTAssertTrue(listed.contains(o), "\(args) lacks \(o): \(listed.sorted())") }
            for o in hasNot { XCTAssertFalse(listed.contains(o), "\(args) lists \(o)") }
        }
        let registry = try CLI.run(["registry", "import", "--help"]).stdout
        for kind in ["furnizori.csv", "medici.csv", "carnete.csv", "semnatari.csv"] { XCTAssertTrue(registry.contains(kind), registry) }
        XCTAssertFalse(try CLI.run(["registry", "--help"]).stdout.contains("versiunile următoare"))
        // An option another command takes is refused here as one Romanian line.
        let r = try CLI.run(["centralizer", "--luna", "2026-10", "--smtp", "smtp://x:25"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "ccm: opțiune necunoscută: --smtp; vedeți ccm centralizer --help\n")
    }

    func testUsageErrorsAreOneRomanianLineAndExitOne() throws {
        let table: [([String], String)] = [
            (["ingest", "--no-such-option"], "ccm: opțiune necunoscută: --no-such-option; vedeți ccm ingest --help"),
            (["centralizer"], "ccm: lipsește opțiunea obligatorie --luna <aaaa-ll>; vedeți ccm centralizer --help"),
            (["centralizer", "--luna"], "ccm: lipsește valoarea opțiunii --luna"),
            (["ingest", "--workers", "multe"], "ccm: valoarea 'multe' nu este potrivită pentru --workers"),
            (["status", "--luna", "2026-10", "--json=da"], "ccm: opțiunea --json nu primește o valoare"),
            (["registry", "import"], "ccm: lipsește argumentul"),
            (["nicio-comanda"], "ccm: argument neașteptat: 'nicio-comanda'; vedeți ccm --help"),
            (["db", "explain", "--luna", "2026-10", "--nu-exista"], "ccm: opțiune necunoscută: --nu-exista"),
        ]
        for (args, start) in table {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix(start), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            for e in Self.english { XCTAssertFalse(r.stderr.contains(e), "\(args): \(r.stderr)") }
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
    }

    /// The exit codes of 05-cli.md, each with its one Romanian line naming what is concerned.
    func testExitCodes() throws {
        try registerProvider()
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        let out = folder.appendingPathComponent("centralizator.csv").path
        let notAFolder = folder.appendingPathComponent("fisier")
        try Data("x".utf8).write(to: notAFolder)
        let unreachable = "host=\(folder.path) port=1 user=ccm dbname=ccm connect_timeout=2"
        let table: [(args: [String], env: [String: String], code: Int32, says: [String], never: [String])] = [
            (["centralizer", "--luna", "2026-10", "--format", "csv", "--output", out], env, 0, [], []),
            (["status", "--luna", "2026-10"], env, 0, [], []),
            (["ingest", "--signatures", "off", "--inbox", folder.appendingPathComponent("gol").path], env, 0, [], []),
            // --output in a folder that is not there (or not a folder): the folder named, no Foundation error.
            (["centralizer", "--luna", "2026-10", "--format", "csv", "--output", "/nonexistent/x.csv"], env, 1,
             ["/nonexistent/x.csv", "dosarul /nonexistent nu există"], ["NSCocoaErrorDomain", "Error Domain", "The file"]),
            (["centralizer", "--luna", "2026-10", "--format", "xlsx", "--output", "/nonexistent/x.xlsx"], env, 1,
             ["dosarul /nonexistent nu există"], ["NSCocoaErrorDomain"]),
            (["centralizer", "--luna", "2026-10", "--format", "html", "--output", notAFolder.path + "/x.html"], env, 1,
             ["\(notAFolder.path) nu este un dosar"], ["NSCocoaErrorDomain"]),
            (["status", "--luna", "2026-10", "--output", "/nonexistent/status.txt"], env, 1,
             ["dosarul /nonexistent nu există"], ["NSCocoaErrorDomain"]),
            // A connection string libpq cannot read is configuration (1), named where it was given, without its values.
            (["centralizer", "--luna", "2026-10", "--database-url", "postgresql://%zz"], env, 1,
             ["--database-url: conexiunea la baza de date nu este validă", "invalid percent-encoded token"], ["%zz"]),
            (["status", "--luna", "2026-10"], env.merging(["CCM_DATABASE_URL": "postgresql://ccm:se%zzcret@gazda/ccm"]) { $1 }, 1,
             ["CCM_DATABASE_URL: conexiunea la baza de date nu este validă"], ["se%zzcret", "secret"]),
            (["status", "--luna", "2026-10"], env.merging(["CCM_DATABASE_URL": "host="]) { $1 }, 1,
             ["CCM_DATABASE_URL: conexiunea la baza de date nu este validă: host este dat fără valoare"], []),
            (["revalidate", "--luna", "2026-10"], env.merging(["CCM_DATABASE_URL": "host=\(folder.path) port=abc"]) { $1 }, 1,
             ["conexiunea la baza de date nu este validă", "port"], []),
            (["status", "--luna", "2026-10", "--database-url-citire", "nu-este-o-conexiune"], env, 1, ["--database-url-citire"], []),
            // One that is well formed but answers nobody: unreachable (2), the host named.
            (["centralizer", "--luna", "2026-10"], env.merging(["CCM_DATABASE_URL": unreachable]) { $1 }, 2,
             ["baza de date nu este accesibilă: gazda \(folder.path), portul 1"], []),
            // An inbox that cannot be read: nothing processed for a system reason (3).
            (["ingest", "--signatures", "off", "--inbox", notAFolder.path], env, 3, [notAFolder.path], []),
        ]
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("gol"), withIntermediateDirectories: true)
        for (args, env, code, says, never) in table {
            let r = try CLI.run(args, env: env)
            XCTAssertEqual(r.status, code, "\(args): \(r.stderr)")
            guard code != 0 else { continue }
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("ccm: "), "\(args): \(r.stderr)")
            for s in says { XCTAssertTrue(r.stderr.contains(s), "\(args) should say \(s): \(r.stderr)") }
            for s in never + ["\\n", "\\t"] { XCTAssertFalse(r.stderr.contains(s), "\(args) should not say \(s): \(r.stderr)") }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }

    /// A Foundation failure no command caught names its file and the system's reason, not
    /// Foundation's domain and code.
    func testAFoundationFailureIsNamedNotDumped() {
        do { try Data("x".utf8).write(to: URL(fileURLWithPath: "/nonexistent/x.csv")); XCTFail("written") } catch {
            let e = AppError.from(error)
            XCTAssertEqual(e.exitCode, 1)
            XCTAssertEqual(e.description, "eroare de sistem la /nonexistent/x.csv: nu există")
            XCTAssertFalse(e.description.contains("Domain"), e.description)
        }
    }

    /// A file that cannot be moved to the archive (its folder's path runs through a file) stays in
    /// the inbox, and the operator reads why in Romanian, without Foundation's domain and code.
    func testAFileThatCannotBeArchivedSaysWhyInRomanian() throws {
        try registerProvider()
        try drop([("bun.xml", Fixture.document())])
        try Data("x".utf8).write(to: folder.appendingPathComponent("arhiva"))
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        let r = try CLI.run(["ingest", "--signatures", "off", "--inbox", inbox.path, "--received-at", "2026-11-10T10:00:00+02:00"], env: env)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("bun.xml: nu poate fi mutat în "), r.stderr)
        XCTAssertTrue(r.stderr.contains("o parte a căii nu este un folder; rămâne în inbox"), r.stderr)
        for word in ["Domain", "Code=", "Not a directory"] { XCTAssertFalse(r.stderr.contains(word), r.stderr) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("bun.xml").path))
    }

    /// On a terminal: a line only for the refused file, the progress, and no internals; with
    /// --verbose every file and the internals; under cron (no terminal) every file, no internals.
    func testATerminalShowsRefusalsOnlyAndInternalsWithVerbose() throws {
        try registerProvider()
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        let received = ["--received-at", "2026-11-10T10:00:00+02:00"]
        let third = "1000100\(CUI.controlDigit(of: "1000100") ?? 0)"
        try registerProvider(Fixture.otherCui)
        try registerProvider(third)
        // A good document (three providers' initial reports), and a refused one.
        let good = ["a": Fixture.document(), "b": Fixture.document(cui: Fixture.otherCui), "c": Fixture.document(cui: third)]
        func dropBoth(_ tag: String) throws {
            try drop([("bun-\(tag).xml", good[tag] ?? ""), ("rau-\(tag).xml", "<?xml version=\"1.0\"?><nu-este-\(tag)")])
        }
        let common = ["ingest", "--signatures", "off", "--inbox", inbox.path] + received

        try dropBoth("a")
        let terminal = try CLI.runOnTerminal(common, env: env)
        XCTAssertEqual(terminal.status, 0, terminal.stdout)
        XCTAssertTrue(terminal.stdout.contains("rau-a.xml: RESPINS"), terminal.stdout)
        XCTAssertFalse(terminal.stdout.contains("bun-a.xml:"), terminal.stdout)
        XCTAssertTrue(terminal.stdout.contains("gata: 2 fișiere"), terminal.stdout)
        XCTAssertTrue(terminal.stdout.contains(" certificate/s"), terminal.stdout)
        XCTAssertFalse(terminal.stdout.contains("drumuri la baza de date"), terminal.stdout)

        try dropBoth("b")
        let verbose = try CLI.runOnTerminal(common + ["--verbose"], env: env)
        XCTAssertEqual(verbose.status, 0, verbose.stdout)
        XCTAssertTrue(verbose.stdout.contains("bun-b.xml: INREGISTRAT"), verbose.stdout)
        XCTAssertTrue(verbose.stdout.contains("rau-b.xml: RESPINS"), verbose.stdout)
        XCTAssertTrue(verbose.stdout.contains("drumuri la baza de date"), verbose.stdout)

        try dropBoth("c")
        let cron = try CLI.run(common, env: env)
        XCTAssertEqual(cron.status, 0, cron.stderr)
        XCTAssertTrue(cron.stderr.contains("bun-c.xml: INREGISTRAT"), cron.stderr)
        XCTAssertTrue(cron.stderr.contains("rau-c.xml: RESPINS"), cron.stderr)
        XCTAssertFalse(cron.stderr.contains("drumuri la baza de date"), cron.stderr)
        XCTAssertFalse(cron.stderr.contains("\u{1B}["), "plain lines under cron")
    }
}
