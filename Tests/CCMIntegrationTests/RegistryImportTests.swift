import CCMStore
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

    func testAnUnknownHeaderIsRefused() throws {
        let f = folder.appendingPathComponent("x.csv")
        try "a,b\n1,2\n".write(to: f, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RegistryImport.run(file: f.path, db: db))
    }
}
