import Foundation
import XCTest

/// Issue 26: the command line reaches the store and the signature adapter only through the use
/// cases (CCMApp), and the use cases that notify and import the registry hold no SQL.
final class LayeringTests: XCTestCase {
    func sources(_ folder: String) throws -> [(name: String, text: String)] {
        let dir = Paths.repo.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    func testTheCommandLineImportsOnlyTheUseCases() throws {
        let files = try sources("Sources/ccm")
        XCTAssertGreaterThan(files.count, 10)
        for (name, text) in files {
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                XCTAssertTrue(["import ArgumentParser", "import CCMApp", "import CCMCore", "import Foundation"].contains(String(line)),
                              "\(name): \(line)")
            }
        }
    }

    func testNotifyAndRegistryImportHoldNoSQL() throws {
        let files = try sources("Sources/CCMApp/Mail") + sources("Sources/CCMApp/Registry")
        XCTAssertTrue(files.contains { $0.name == "Notifier.swift" } && files.contains { $0.name == "RegistryImport.swift" })
        for (name, text) in files {
            for sql in ["SELECT ", "INSERT ", "UPDATE ", "BEGIN", "COMMIT", ".exec(", ".transaction", ".pipeline("] {
                XCTAssertFalse(text.contains(sql), "\(name) holds \(sql)")
            }
        }
    }
}
