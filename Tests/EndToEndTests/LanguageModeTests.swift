import CCMTestSupport
import Foundation
import XCTest

/// Issue 26: every target builds in Swift 6 language mode (data races are compile errors), and
/// no source tells the compiler to look away (`@unchecked Sendable`, `nonisolated(unsafe)`).
final class LanguageModeTests: XCTestCase {
    func testThePackageBuildsEveryTargetInSwift6() throws {
        let manifest = try String(contentsOf: Paths.repo.appendingPathComponent("Package.swift"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("swiftLanguageModes: [.v6]"), "the package's default language mode is 6")
        for older in [".v5", ".v4_2", ".v4", "swiftLanguageVersions", "swiftLanguageMode(.version"] {
            XCTAssertFalse(manifest.contains(older), "Package.swift names \(older)")
        }
    }

    func testNoSourceEscapesTheConcurrencyChecks() throws {
        let sources = Paths.repo.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        let swift = files.filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(swift.count, 100)
        for file in swift {
            // Spaces removed: `@unchecked  Sendable` or `nonisolated( unsafe )` are the same escape.
            let text = try String(contentsOf: file, encoding: .utf8).filter { !$0.isWhitespace }
            for escape in ["@uncheckedSendable", "nonisolated(unsafe)", "@preconcurrency"] {
                XCTAssertFalse(text.contains(escape), "\(file.path.dropFirst(sources.path.count + 1)) holds \(escape)")
            }
        }
    }
}
