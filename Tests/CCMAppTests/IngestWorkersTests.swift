import XCTest
@testable import CCMApp

/// `--workers N`: the siblings run the same command line without it, whichever way it was written.
final class IngestWorkersTests: XCTestCase {
    func testTheSiblingsCommandLineHasNoWorkersOption() {
        XCTAssertEqual(IngestWorkers.withoutWorkers(["ingest", "--workers", "3", "--json", "--workers=2", "a.xml"]),
                       ["ingest", "--json", "a.xml"])
        XCTAssertEqual(IngestWorkers.withoutWorkers(["ingest", "--inbox", "--workers-dir"]), ["ingest", "--inbox", "--workers-dir"])
    }

    func testOneWorkerStartsNoSiblingAndRunsTheWork() throws {
        var ran = 0
        XCTAssertEqual(try IngestWorkers.run(1, arguments: ["--workers", "1"]) { ran += 1 }, 0)
        XCTAssertEqual(ran, 1)
    }
}
