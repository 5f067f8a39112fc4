import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// `ccm registry import` (`03-registry-and-enrolment.md` §1) on PostgreSQL.
final class RegistryImportTests: DatabaseTestCase {
    let good = Paths.sampleData.appendingPathComponent("registry/furnizori.csv").path
    let bad = Paths.sampleData.appendingPathComponent("registry-bad/furnizori.csv").path

    func testGoodFileImportsEveryProviderAndASecondImportChangesNothing() throws {
        let first = try RegistryImport.run(file: good, db: db)
        XCTAssertEqual(first.counts, .init(added: 30, updated: 0, unchanged: 0))
        let stamps = try db.exec("SELECT cui, updated_at FROM providers ORDER BY cui").values
        let second = try RegistryImport.run(file: good, db: db)
        XCTAssertEqual(second.counts, .init(added: 0, updated: 0, unchanged: 30))
        XCTAssertEqual(try db.exec("SELECT cui, updated_at FROM providers ORDER BY cui").values, stamps)
    }

    func testAChangedRowIsUpdated() throws {
        _ = try RegistryImport.run(file: good, db: db)
        var text = try String(contentsOfFile: good, encoding: .utf8)
        text = text.replacingOccurrences(of: "MF-805/2025", with: "MF-805/2026")
        let changed = folder.appendingPathComponent("furnizori.csv")
        try text.write(to: changed, atomically: true, encoding: .utf8)
        XCTAssertEqual(try RegistryImport.run(file: changed.path, db: db).counts, .init(added: 0, updated: 1, unchanged: 29))
    }

    func testABadFileIsRefusedWholeAndEveryBadLineNamed() throws {
        XCTAssertThrowsError(try RegistryImport.run(file: bad, db: db)) { error in
            guard let r = error as? RegistryImport.Rejected else { return XCTFail("\(error)") }
            XCTAssertEqual(r.errors.map(\.line), [3, 5])
        }
        XCTAssertEqual(try database.count("SELECT count(*) FROM providers"), 0, "the good rows of a bad file are not imported")
    }

    func testTheCommandExitsOneAndNamesTheLines() throws {
        let r = try CLI.run(["registry", "import", bad], env: ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("linia 3"), r.stderr)
        XCTAssertTrue(r.stderr.contains("linia 5"), r.stderr)
        let ok = try CLI.run(["registry", "import", good], env: ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try database.count("SELECT count(*) FROM providers"), 30)
    }

    /// An e-mail that would add a header or a second recipient refuses its row, named by its
    /// line; the value is not echoed (it would forge lines in the output).
    func testAnAddressThatIsNotOneMailboxRefusesItsRow() throws {
        let head = "cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip"
        let rows = [
            head,                                                                                       // 1
            "31001235,CMI Bun,TM,CV-1,2025-01-01,,cabinet@exemplu.ro,MF",                               // 2 good
            "42005674,CMI CRLF,TM,CV-2,2025-01-01,,\"victim@exemplu.ro\r\nBcc:attacker@evil.example\",MF",  // 3–4
            "18547290,CMI Virgulă,TM,CV-3,2025-01-01,,\"a@exemplu.ro,b@evil.example\",MF",                // 5
            "1014,CMI Nume,TM,CV-4,2025-01-01,,Ion Pop <ion@exemplu.ro>,MF",                        // 6
            "19,CMI Lung,TM,CV-5,2025-01-01,,\(String(repeating: "x", count: 290))@exemplu.ro,MF",       // 7
        ]
        let f = folder.appendingPathComponent("furnizori.csv")
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: f)
        XCTAssertThrowsError(try RegistryImport.run(file: f.path, db: db)) { error in
            guard let r = error as? RegistryImport.Rejected else { return XCTFail("\(error)") }
            XCTAssertEqual(r.errors.map(\.line), [3, 5, 6, 7])
        }
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path]
        let cli = try CLI.run(["registry", "import", f.path], env: env)
        XCTAssertEqual(cli.status, 1)
        for line in [3, 5, 6, 7] { XCTAssertTrue(cli.stderr.contains("linia \(line): adresa de e-mail"), cli.stderr) }
        XCTAssertFalse(cli.stderr.contains("evil.example"), cli.stderr)
        XCTAssertFalse(cli.stderr.contains("Bcc"), cli.stderr)
        XCTAssertEqual(try database.count("SELECT count(*) FROM providers"), 0, "a file with a bad row changes nothing")

        // signers request --email: the same check, before anything is read or written.
        let request = try CLI.run(["signers", "request", "--cui", "31001235", "--cert", folder.appendingPathComponent("nu-exista.pem").path,
                                   "--cnp", "1850512350011", "--nume", "Ion Pop", "--email", "ion@exemplu.ro,x@evil.example",
                                   "--rol", "UTILIZATOR"], env: env)
        XCTAssertEqual(request.status, 1, request.stderr)
        XCTAssertTrue(request.stderr.contains("--email: adresa de e-mail conține virgulă"), request.stderr)

        // semnatari.csv: the same check.
        let signers = folder.appendingPathComponent("semnatari.csv")
        try Data(("cui,cert_sha256,cnp,nume,email,rol,stare,de_la\n" +
                  "31001235,\(String(repeating: "a", count: 64)),1850512350011,Ion Pop,\"ion@exemplu.ro\nBcc: x@evil.example\",UTILIZATOR,ACTIV,\n")
            .utf8).write(to: signers)
        XCTAssertThrowsError(try RegistryImport.run(file: signers.path, db: db)) { error in
            XCTAssertEqual((error as? RegistryImport.Rejected)?.errors.map(\.line), [2])
            XCTAssertTrue((error as? RegistryImport.Rejected)?.errors.first?.message.contains("sfârșit de rând") == true, "\(error)")
        }
    }

    func testAnUnknownHeaderIsRefused() throws {
        let f = folder.appendingPathComponent("x.csv")
        try "a,b\n1,2\n".write(to: f, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RegistryImport.run(file: f.path, db: db))
    }

    /// A signers' file without its header begins with a signer's row: the refusal names the
    /// headers it expects and the known column names it saw, never the row's values (a CNP, a
    /// name); the command says how many files it refused, in Romanian.
    func testAFileWithoutItsHeaderIsRefusedWithoutRepeatingItsFirstRow() throws {
        let f = folder.appendingPathComponent("semnatari.csv")
        try "31001235,\(String(repeating: "ab", count: 32)),1800101223344,Popescu Ana,ana@example.ro,UTILIZATOR,ACTIV,2026-01-01\n"
            .write(to: f, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RegistryImport.run(file: f.path, db: db)) { error in
            let message = (error as? RegistryImport.Rejected)?.errors.first?.message ?? "\(error)"
            for value in ["1800101223344", "Popescu", "ana@example.ro", "31001235"] { XCTAssertFalse(message.contains(value), message) }
            XCTAssertTrue(message.contains("prima linie nu este antetul unui fișier al registrului: are 8 câmpuri necunoscute, care nu sunt arătate;"), message)
            XCTAssertTrue(message.contains("semnatari.csv (cui,cert_sha256,cnp,nume,email,rol,stare,de_la)"), message)
        }
        let half = folder.appendingPathComponent("medici.csv")
        try "cui,parafa,nume,x\n".write(to: half, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RegistryImport.run(file: half.path, db: db)) { error in
            let message = (error as? RegistryImport.Rejected)?.errors.first?.message ?? "\(error)"
            XCTAssertTrue(message.contains("are coloanele cunoscute cui,parafa,nume și 1 câmp necunoscut, care nu este arătat;"), message)
        }
        let r = try CLI.run(["registry", "import", f.path], env: ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasSuffix("ccm: 1 fișier respins\n"), r.stderr)
        XCTAssertFalse(r.stderr.contains("1800101223344"), r.stderr)
    }
}
