import CCMTestSupport
import Foundation
import XCTest

/// Issue 26: the package reads as the architecture. The core imports no adapter; each adapter
/// imports the core, its own libraries and only the adapters declared below, never the use cases;
/// the use cases reach every library through an adapter; the command line reaches the store and
/// the signature adapter only through the use cases (CCMApp), and no SQL is written outside the store.
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
        // The use cases, and the core's values for the typed arguments.
        "ccm": ["CCMApp", "CCMCore", "ArgumentParser"],
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
                XCTAssertTrue(["import ArgumentParser", "import CCMApp", "import CCMCore", "import Foundation"]
                                .contains(String(line)), "\(name): \(line)")
            }
        }
    }

    /// SQL lives in the store alone (issue 26): no string literal outside `Sources/CCMStore` is
    /// a statement, and no code there runs one on a connection.
    func testNoSQLOutsideTheStore() throws {
        let root = Paths.repo.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0 != "CCMStore" }.sorted()
        XCTAssertTrue(modules.contains("CCMApp") && modules.contains("ccm"))
        var found: [String] = []
        for module in modules {
            for (name, text) in try sources("Sources/" + module) {
                let (code, literals) = SwiftText.split(text)
                for literal in literals where SwiftText.isSQL(literal) { found.append("\(module)/\(name): \(literal.prefix(60))") }
                for call in [".exec(", ".execScript(", ".pipeline(", ".transaction {", ".transaction("] where code.contains(call) {
                    found.append("\(module)/\(name): \(call)")
                }
            }
        }
        XCTAssertEqual(found, [])
    }

    func testTheSQLCheckSeesLiteralsAndNotMessages() {
        let text = #"""
            let a = "SELECT 1" // BEGIN
            /* COMMIT */ let b = "luna \(x["k"] ?? "") detașată; UPDATE-ul lipsește"
            let c = """
                UPDATE documents SET x = 1
                """
            let pem = "-----BEGIN CERTIFICATE-----"; db.exec(q)
            """#
        let (code, literals) = SwiftText.split(text)
        XCTAssertEqual(literals.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
                       ["SELECT 1", #"luna \(x["k"] ?? "") detașată; UPDATE-ul lipsește"#, "UPDATE documents SET x = 1",
                        "-----BEGIN CERTIFICATE-----"])
        XCTAssertEqual(literals.filter(SwiftText.isSQL).count, 2, "only the statements")
        XCTAssertFalse(code.contains("BEGIN") || code.contains("COMMIT"), "comments are neither code nor literals")
        XCTAssertTrue(code.contains("db.exec(q)"))
    }
}

/// Swift source split into its code and its string literals (comments dropped; an
/// interpolation stays inside its literal).
enum SwiftText {
    /// Upper-case keywords that begin a statement, not inside a word: Romanian messages and a
    /// PEM's "-----BEGIN" are not SQL.
    static let statement = try? NSRegularExpression(pattern: #"(?<![\w-])(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"# +
        #"(CREATE|ALTER|DROP)\s+(TABLE|ROLE|DATABASE|INDEX|FUNCTION|VIEW|SEQUENCE)|GRANT\s|REVOKE\s|"# +
        #"(BEGIN|COMMIT|ROLLBACK|SAVEPOINT)(?![\w-])|pg_advisory)"#)

    static func isSQL(_ literal: String) -> Bool {
        statement?.firstMatch(in: literal, range: NSRange(literal.startIndex..., in: literal)) != nil
    }

    static func split(_ text: String) -> (code: String, literals: [String]) {
        let c = Array(text)
        var code = "", literals: [String] = []
        var i = 0
        func at(_ s: String, _ j: Int) -> Bool {
            let t = Array(s)
            return j + t.count <= c.count && Array(c[j..<j + t.count]) == t
        }
        /// The literal starting at `i` (its opening quote, or `#`), with `i` left after it.
        func literal() -> String {
            let raw = c[i] == "#"
            if raw { i += 1 }
            let multi = at("\"\"\"", i)
            let close = (multi ? "\"\"\"" : "\"") + (raw ? "#" : "")
            i += multi ? 3 : 1
            var text = ""
            while i < c.count && !at(close, i) && (multi || c[i] != "\n") {
                if !raw && at("\\(", i) {
                    // An interpolation: code up to its closing parenthesis, quotes and all.
                    text.append(c[i]); i += 1
                    var depth = 0
                    repeat {
                        if c[i] == "(" { depth += 1 } else if c[i] == ")" { depth -= 1 }
                        if c[i] == "\"" { text += "\"" + literal() + "\""; continue }
                        text.append(c[i]); i += 1
                    } while i < c.count && depth > 0
                    continue
                }
                if c[i] == "\\" && !raw && i + 1 < c.count { text.append(c[i]); i += 1 }
                text.append(c[i]); i += 1
            }
            i += close.count
            return text
        }
        while i < c.count {
            if at("//", i) {
                while i < c.count && c[i] != "\n" { i += 1 }
            } else if at("/*", i) {
                i += 2
                while i < c.count && !at("*/", i) { i += 1 }
                i += 2
            } else if c[i] == "\"" || at("#\"", i) {
                literals.append(literal())
            } else {
                code.append(c[i]); i += 1
            }
        }
        return (code, literals)
    }
}
