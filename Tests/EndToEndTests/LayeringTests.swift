import CCMTestSupport
import Foundation
import XCTest

/// Issue 26: the package reads as the architecture. The core imports no adapter; each adapter
/// imports the core, its own libraries and only the adapters declared below, never the use cases;
/// the use cases reach every library through an adapter; the command line reaches the store and
/// the signature adapter only through the use cases (CCMApp), and the use cases that notify and
/// import the registry hold no SQL.
final class LayeringTests: XCTestCase {
    func sources(_ folder: String) throws -> [(name: String, text: String)] {
        let dir = Paths.repo.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// The modules a module's files import (`@testable`, `public`… and the like set aside).
    func imports(_ module: String) throws -> [(file: String, module: String)] {
        try sources("Sources/" + module).flatMap { name, text in
            text.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let range = line.range(of: #"^(@\w+ |public |internal |package )*import "#, options: .regularExpression) else { return nil }
                return (name, String(line[range.upperBound...].split(separator: " ").first ?? ""))
            }
        }
    }

    /// What the system gives every module.
    static let system: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc"]

    /// Each module, and what it may import besides the system: the layout of Package.swift.
    static let allowed: [String: Set<String>] = [
        "CCMCore": [],
        "CCMXML": ["CCMCore", "CLibXML2"],
        "CCMSignature": ["CCMCore", "CCMXML", "COpenSSL", "CXMLSec"],
        "CCMStore": ["CCMCore", "CLibPQ"],
        "CCMFormats": ["CCMCore", "TOMLKit", "CSV"],
        "CCMFiles": ["CCMCore"],
        "CCMPublishing": ["CCMCore", "CCMSignature", "CXLSXWriter", "CCurl"],
        "CCMRuntime": ["CCMCore", "CCMStore", "CCMFiles", "Logging"],
        // No C library and no package: the use cases reach each through its adapter.
        "CCMApp": ["CCMCore", "CCMXML", "CCMSignature", "CCMStore", "CCMFormats", "CCMFiles", "CCMPublishing", "CCMRuntime"],
        // The use cases; the core's values for the typed arguments; the process (its log, its workers, `ccm db start/stop`).
        "ccm": ["CCMApp", "CCMCore", "CCMRuntime", "ArgumentParser"],
    ]

    func testEachModuleImportsOnlyWhatItsLayerAllows() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Paths.repo.appendingPathComponent("Sources").path)
        for module in folders where module.hasPrefix("CCM") || module == "ccm" {
            let allowed = try XCTUnwrap(Self.allowed[module], "\(module) is not in the layout: add it to LayeringTests and Package.swift")
            let found = try imports(module)
            XCTAssertFalse(found.isEmpty, module)
            for (file, imported) in found {
                XCTAssertTrue(allowed.contains(imported) || Self.system.contains(imported), "\(module)/\(file) imports \(imported)")
            }
        }
    }

    func testNoAdapterImportsTheUseCasesOrTheCommandLine() throws {
        for module in Self.allowed.keys where !["CCMApp", "ccm"].contains(module) {
            XCTAssertFalse(Self.allowed[module]?.contains("CCMApp") ?? true, module)
            for (file, imported) in try imports(module) {
                XCTAssertNotEqual(imported, "CCMApp", "\(module)/\(file)")
            }
        }
    }

    func testTheCommandLineImportsOnlyTheUseCases() throws {
        let files = try sources("Sources/ccm")
        XCTAssertGreaterThan(files.count, 10)
        for (name, text) in files {
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                XCTAssertTrue(["import ArgumentParser", "import CCMApp", "import CCMCore", "import CCMRuntime", "import Foundation"]
                                .contains(String(line)), "\(name): \(line)")
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
