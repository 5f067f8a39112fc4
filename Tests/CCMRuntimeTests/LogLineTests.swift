@testable import CCMRuntime
import Foundation
import Logging
import XCTest

/// The log through swift-log keeps the line the operator reads and the tests grep.
final class LogLineTests: XCTestCase {
    private let at = Date(timeIntervalSince1970: 1_794_297_600)   // 2026-11-10T08:00:00Z

    func testOneLinePerEventWithTheLevelsOperatorsKnow() {
        XCTAssertEqual(StandardErrorLine.line(.info, "a.xml: INREGISTRAT", at: at), "2026-11-10T08:00:00Z ccm info: a.xml: INREGISTRAT\n")
        XCTAssertEqual(StandardErrorLine.line(.warning, "x", at: at), "2026-11-10T08:00:00Z ccm warn: x\n")
        XCTAssertEqual(StandardErrorLine.line(.error, "x", at: at), "2026-11-10T08:00:00Z ccm error: x\n")
        XCTAssertEqual(StandardErrorLine.line(.critical, "x", at: at), "2026-11-10T08:00:00Z ccm error: x\n")
    }

    /// A file name that forges a second line or a terminal escape is written out, never obeyed.
    func testWhatAMessageCarriesIsEscaped() {
        let line = StandardErrorLine.line(.info, "x\n2026-11-10T08:00:00Z ccm info: fals.xml\u{1B}[2K", at: at)
        XCTAssertEqual(line.filter { $0 == "\n" }.count, 1, line)
        XCTAssertFalse(line.unicodeScalars.contains("\u{1B}"), line)
    }

    func testTheProjectsLoggerWritesThroughItsOwnHandler() {
        XCTAssertTrue(Log.logger.handler is StandardErrorLine)
        XCTAssertEqual(Log.logger.logLevel, .info)
    }
}
