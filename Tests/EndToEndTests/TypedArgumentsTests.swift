import CCMTestSupport
import Foundation
import XCTest

/// Issue 26: `--luna`, `--format`, `--rol`, `--mediu`, `--signatures`, `--cui` and the moments are typed
/// arguments. A bad value is still one Romanian line and exit 1, word for word as before; what
/// changed is that it is refused while the command line is read, before anything else is looked at.
final class TypedArgumentsTests: XCTestCase {
    /// Nothing here may reach a database: one that answers nobody.
    let env = ["CCM_DATABASE_URL": "host=/nonexistent port=1 dbname=x connect_timeout=1", "CCM_CASA": "TM",
               "CCM_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("ccm-typed-\(UUID().uuidString)").path]
    let moment = "se așteaptă o dată ISO 8601 cu fus orar, de exemplu 2026-11-10T10:00:00+02:00"
    let signer = ["--cert", "/nonexistent.pem", "--cnp", "1850512350011", "--nume", "Ion Pop", "--email", "ion@exemplu.ro"]

    func check(_ args: [String], _ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) throws {
        let r = try CLI.run(args, env: env)
        XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)", file: file, line: lineNumber)
        XCTAssertEqual(r.stderr, "ccm: \(line)\n", "\(args)", file: file, line: lineNumber)
        XCTAssertEqual(r.stdout, "", "\(args)", file: file, line: lineNumber)
    }

    /// The lines each command said when it parsed these options by hand.
    func testABadValueIsTheSameRomanianLine() throws {
        let future = "2099-01-01T00:00:00+02:00"
        let table: [([String], String)] = [
            (["centralizer", "--luna", "2026-13"], "--luna 2026-13: se așteaptă AAAA-LL"),
            (["centralizer", "--luna=it's"], "--luna it's: se așteaptă AAAA-LL"),
            (["notify", "--luna", "x"], "--luna x: se așteaptă AAAA-LL"),
            (["revalidate", "--luna", "13-2026"], "--luna 13-2026: se așteaptă AAAA-LL"),
            (["db", "explain", "--luna", "x"], "--luna x: se așteaptă AAAA-LL"),
            (["status", "--luna", "1850512350011"], "--luna „1***********1”: se așteaptă AAAA-LL"),
            (["centralizer", "--luna", "2026-10", "--format", "pdf"], "--format pdf: disponibile html, xlsx, csv, json și text"),
            (["centralizer", "--luna", "2026-10", "--format", "pdf", "--compare-to", "2026-11-01T00:00:00+02:00"],
             "--compare-to nu are formatul pdf: disponibile json, html, csv, text și xlsx"),
            (["centralizer", "--luna", "2026-10", "--as-of", "ieri"], "--as-of ieri: " + moment),
            (["centralizer", "--luna", "2026-10", "--compare-to", "azi"], "--compare-to azi: " + moment),
            (["status", "--luna", "2026-10", "--as-of", "x"], "--as-of x: " + moment),
            (["registry", "import", "/x", "--at", "ieri"], "--at ieri: " + moment),
            (["ingest", "--received-at", "ieri"], "--received-at ieri: " + moment),
            (["nightly", "--received-at", "ieri"], "--received-at ieri: " + moment),
            // Foundation's formatter reads a moment at a text's start and ignores the rest: refused, in one line.
            (["ingest", "--received-at", "2026-11-10T10:00:00+02:00\r\nBcc: x@y.ro"],
             "--received-at 2026-11-10T10:00:00+02:00\\r\\nBcc: x@y.ro: " + moment),
            (["ingest", "--received-at", "2026-11-10T10:00:00.5+02:00junk"], "--received-at 2026-11-10T10:00:00.5+02:00junk: " + moment),
            (["centralizer", "--luna", "2026-10", "--as-of", "2026-11-10T10:00:00Z =1+2"], "--as-of 2026-11-10T10:00:00Z =1+2: " + moment),
            (["ingest", "--received-at", String(repeating: "9", count: 60_000)], "--received-at \(String(repeating: "9", count: 120))…: " + moment),
            (["ingest", "--mediu", "PROD"], "--mediu trebuie să fie PRODUCTIE sau TEST"),
            (["nightly", "--mediu", "X"], "--mediu trebuie să fie PRODUCTIE sau TEST"),
            (["ingest", "--mediu", "TEST", "--signatures", "maybe"], "--signatures trebuie să fie required sau off"),
            (["signers", "request", "--cui", "12345670", "--rol", "SEF"] + signer, "--rol: REPREZENTANT_LEGAL sau UTILIZATOR"),
            (["status", "--luna", "2026-10", "--cui", "1850512350011"], "--cui „1***********1”: nu este un CUI (2–10 cifre, ultima fiind cifra de control)"),
            (["status", "--luna", "2026-10", "--cui", "RO12345670"], "--cui „RO12345670”: nu este un CUI (2–10 cifre, ultima fiind cifra de control)"),
            (["signers", "list", "--cui", "x"], "--cui x invalid"),
            (["signers", "accept", "--cui", "1", "--cert-sha256", "ab", "--at", "ieri"], "--cui 1 invalid"),
            (["signers", "request", "--cui", "1", "--rol", "UTILIZATOR", "--at", "ieri"] + signer, "--cui 1 invalid"),
            (["signers", "request", "--cui", "12345670", "--rol", "UTILIZATOR"] + signer, "--cui 12345670 invalid"),
            // Checks across options (validate()), unchanged too.
            (["db", "url", "--citire", "--proprietar"], "--citire și --proprietar nu se pot da împreună"),
            (["ingest", "--received-at", future], "--received-at \(future) este în viitor; niciun fișier nu a fost atins"),
            (["ingest", "--workers", "0", "--received-at", future], "comandă greșită: --workers: între 1 și 64; vedeți ccm ingest --help"),
            (["centralizer", "--luna", "2026-10", "--compare-to", "2099-11-20T00:00:00+02:00"],
             "--compare-to 2099-11-20T00:00:00+02:00 este în viitor: ediția comparată trebuie să fi existat"),
            (["centralizer", "--luna", "2026-10", "--compare-to", "2026-11-20T00:00:00+02:00", "--as-of", "2026-11-14T00:00:00+02:00"],
             "--compare-to 2026-11-20T00:00:00+02:00 este după --as-of 2026-11-14T00:00:00+02:00: ediția mai veche se dă la --compare-to"),
        ]
        for (args, line) in table { try check(args, line) }
    }

    /// Refused earlier than before: a bad value now wins over what used to be looked at first
    /// (the configuration file, the CUI), since it is refused while the command line is read.
    func testABadValueIsRefusedBeforeAnythingElse() throws {
        // Before: "fișierul de configurare /nonexistent.toml nu poate fi citit".
        try check(["ingest", "--mediu", "PROD", "--config", "/nonexistent.toml"], "--mediu trebuie să fie PRODUCTIE sau TEST")
        try check(["ingest", "--signatures", "poate", "--config", "/nonexistent.toml"], "--signatures trebuie să fie required sau off")
        // Before: "--cui 12345670 invalid" (its control digit is checked after the line is read).
        try check(["signers", "request", "--cui", "12345670", "--rol", "UTILIZATOR", "--at", "ieri"] + signer, "--at ieri: " + moment)
        // Before: "--rol: REPREZENTANT_LEGAL sau UTILIZATOR" (the options are now read in the order they are declared).
        try check(["signers", "request", "--cui", "1", "--rol", "SEF"] + signer, "--cui 1 invalid")
        // Two bad moments: the one declared first (--as-of) is named; before, a comparison named --compare-to.
        try check(["centralizer", "--luna", "2026-10", "--as-of", "ieri", "--compare-to", "azi"], "--as-of ieri: " + moment)
    }

    /// A good value still reaches the command: here the database, which answers nobody (exit 2).
    func testAGoodValueGoesThrough() throws {
        for args in [["centralizer", "--luna", "2026-10", "--format", "text", "--as-of", "2026-11-10T10:00:00+02:00"],
                     ["status", "--luna", "2026-10", "--as-of", "2026-11-10T10:00:00.250+02:00"],
                     ["ingest", "--mediu", "TEST", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00"]] {
            let r = try CLI.run(args, env: env)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("ccm: baza de date nu este accesibilă"), "\(args): \(r.stderr)")
        }
    }
}
