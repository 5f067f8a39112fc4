import CCMTestSupport
@testable import CCMXML
import Foundation
import XCTest

/// libxml2's loader reads schema files from the schema's own folder and nothing else, and keeps
/// count of what it refused, whichever threads load schemas at once.
final class SchemaLoaderTests: XCTestCase {
    func testAnIncludeOutsideTheSchemaFolderIsRefusedAndCountedFromEveryThread() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("ccm-loader-\(UUID().uuidString)")
        let inside = root.appendingPathComponent("schemas"), outside = root.appendingPathComponent("elsewhere")
        try fm.createDirectory(at: inside, withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        defer {
            try? fm.removeItem(at: root)
            LibXML.initialise(allowing: Paths.schemas.path)
        }
        let xs = "http://www.w3.org/2001/XMLSchema"
        try "<xs:schema xmlns:xs=\"\(xs)\"><xs:element name=\"b\" type=\"xs:string\"/></xs:schema>"
            .write(to: outside.appendingPathComponent("b.xsd"), atomically: true, encoding: .utf8)
        let main = inside.appendingPathComponent("a.xsd")
        try "<xs:schema xmlns:xs=\"\(xs)\"><xs:include schemaLocation=\"../elsewhere/b.xsd\"/><xs:element name=\"a\" type=\"xs:string\"/></xs:schema>"
            .write(to: main, atomically: true, encoding: .utf8)

        let start = LibXML.refusedLoads
        _ = try? SubmissionSchema(path: main.path)
        let perLoad = LibXML.refusedLoads - start
        XCTAssertGreaterThan(perLoad, 0, "the include outside the folder is refused")

        let threads = 8
        DispatchQueue.concurrentPerform(iterations: threads) { _ in _ = try? SubmissionSchema(path: main.path) }
        XCTAssertEqual(LibXML.refusedLoads - start, perLoad * (threads + 1), "every refusal counted, none lost to a race")
    }

    /// The schema folder reached through a symbolic link (an installed copy linked into place)
    /// loads, its includes read from where the link leads.
    func testASchemaFolderReachedThroughALinkLoads() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("ccm-link-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        defer {
            try? fm.removeItem(at: root)
            LibXML.initialise(allowing: Paths.schemas.path)
        }
        let link = root.appendingPathComponent("Schemas")
        try fm.createSymbolicLink(at: link, withDestinationURL: Paths.schemas)
        let schema = try SubmissionSchema(path: link.appendingPathComponent("ccm-raportare-v1.xsd").path)
        XCTAssertFalse(schema.vocabulary.names.isEmpty)
    }
}
