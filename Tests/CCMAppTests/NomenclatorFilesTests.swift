import CCMCore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// The shipped data files of `Schemas/` (`01-submission-format.md` §5).
final class NomenclatorFilesTests: XCTestCase {
    func testShippedNomenclatorsLoadWithTheSpecifiedContent() throws {
        let n = try NomenclatorFiles.load(Paths.schemas)
        XCTAssertEqual(n.indemnityCodes, Set((1...15).map { $0 < 10 ? "0\($0)" : "\($0)" }))
        XCTAssertEqual(n.emergencies, Set(1...100))
        XCTAssertEqual(n.groupADiseases, Set(1...37))
        // WHO ICD-10 three-character categories: about 2,050, complete from A00 to Z99.
        XCTAssertGreaterThan(n.icd10Categories.count, 2000)
        XCTAssertLessThan(n.icd10Categories.count, 2100)
        for present in ["A00", "J06", "I10", "M54", "S82", "O26", "Z99"] { XCTAssertTrue(n.icd10Categories.contains(present), present) }
        for absent in ["I53", "D90"] { XCTAssertFalse(n.icd10Categories.contains(absent), absent) }
        XCTAssertTrue(n.isKnownDiagnosis("J06.9"))
        XCTAssertFalse(n.isKnownDiagnosis("I53.1"))
    }

    func testExtraNonWorkingDaysComeFromTheCalendarFile() throws {
        let dir = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Paths.schemas.appendingPathComponent("nomenclatoare"),
                                         to: dir.appendingPathComponent("nomenclatoare"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("calendar"), withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("calendar/zile-libere-suplimentare.csv")
        try "data,motiv\n2026-12-31,zi liberă acordată prin HG\n".write(to: file, atomically: true, encoding: .utf8)
        let n = try NomenclatorFiles.load(dir)
        XCTAssertTrue(n.calendar.isNonWorking(LocalDate("2026-12-31")!))
        XCTAssertFalse(n.calendar.isNonWorking(LocalDate("2026-12-30")!))
        try "data,motiv\n2026-13-01,greșit\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try NomenclatorFiles.load(dir)) { e in
            XCTAssertTrue("\(e)".contains(":2:"), "the error names the line: \(e)")
        }
    }

    func testEveryHouseOfTheSchemaHasItsFullAndShortName() throws {
        let houses = try NomenclatorFiles.houses(Paths.schemas)
        XCTAssertEqual(Set(houses.keys), CasaCode.all)
        XCTAssertEqual(houses["TM"], HealthInsuranceHouse(code: "TM", fullName: "Casa de Asigurări de Sănătate Timiș", shortName: "CAS Timiș"))
        XCTAssertEqual(houses["B"]?.shortName, "CASMB")
        XCTAssertEqual(houses["B"]?.fullName, "Casa de Asigurări de Sănătate a Municipiului București")
    }

    func testAHouseFileWithAMissingOrForeignCodeIsRefusedNamingIt() throws {
        let dir = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nomenclatoare"), withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("nomenclatoare/case-asigurari.csv")
        let shipped = try String(contentsOf: Paths.schemas.appendingPathComponent("nomenclatoare/case-asigurari.csv"), encoding: .utf8)
        try shipped.replacingOccurrences(of: "VN,Casa de Asigurări de Sănătate Vrancea,CAS Vrancea\n", with: "")
            .write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try NomenclatorFiles.houses(dir)) { XCTAssertTrue("\($0)".contains("lipsește casa VN"), "\($0)") }
        try (shipped + "XX,Casa X,CAS X\n").write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try NomenclatorFiles.houses(dir)) { XCTAssertTrue("\($0)".contains(":44: valoare invalidă „XX”"), "\($0)") }
    }
}
