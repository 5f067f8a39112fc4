import CCMCore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// The publishing window of `nightly` and the formats through the command line.
final class PublishingTests: DatabaseTestCase {
    func at(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    func testThePublishingWindowIsTheFourteenthToTheEighteenthAndTheLastDay() {
        XCTAssertNil(Publisher.monthToPublish(now: at("2026-11-13T23:00:00+02:00")))
        XCTAssertEqual(Publisher.monthToPublish(now: at("2026-11-14T00:30:00+02:00")), YearMonth("2026-10"))
        XCTAssertEqual(Publisher.monthToPublish(now: at("2026-11-18T23:30:00+02:00")), YearMonth("2026-10"))
        XCTAssertNil(Publisher.monthToPublish(now: at("2026-11-19T00:30:00+02:00")))
        XCTAssertEqual(Publisher.monthToPublish(now: at("2026-11-30T12:00:00+02:00")), YearMonth("2026-10"))
        XCTAssertEqual(Publisher.monthToPublish(now: at("2027-02-28T12:00:00+02:00")), YearMonth("2027-01"))
        // 13 November 22:30 UTC is already the 14th in Bucharest.
        XCTAssertEqual(Publisher.monthToPublish(now: at("2026-11-13T22:30:00Z")), YearMonth("2026-10"))
    }

    func testEveryFormatFromTheCommandLine() throws {
        try registerProvider()
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM"]
        for format in ["html", "xlsx", "csv", "json", "text"] {
            let out = folder.appendingPathComponent("c.\(format)")
            let r = try CLI.run(["centralizer", "--luna", "2026-10", "--format", format, "--output", out.path], env: env)
            XCTAssertEqual(r.status, 0, r.stderr)
            let bytes = try Data(contentsOf: out)
            switch format {
            case "xlsx": XCTAssertEqual(Array(bytes.prefix(2)), [0x50, 0x4B], "a zip container")
            case "html": XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains(Fixture.cui))
            default: XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains(Fixture.cui), format)
            }
        }
        let stdout = try CLI.run(["centralizer", "--luna", "2026-10", "--format", "xlsx"], env: env)
        XCTAssertEqual(Array(stdout.stdoutBytes.prefix(2)), [0x50, 0x4B])
    }

    func testNightlyRunsWithoutMailAndSaysSo() throws {
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        let r = try CLI.run(["nightly", "--signatures", "off", "--inbox", folder.appendingPathComponent("gol").path], env: env)
        XCTAssertEqual(r.status, 1, "the inbox folder does not exist: a usage error")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("gol"), withIntermediateDirectories: true)
        let ok = try CLI.run(["nightly", "--signatures", "off", "--inbox", folder.appendingPathComponent("gol").path], env: env)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stderr.contains("fără --smtp"), ok.stderr)
    }
}
