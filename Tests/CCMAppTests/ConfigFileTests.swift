import CCMCore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// `ccm.toml` read with TOMLKit (05-cli.md "Configuration"): every error one Romanian line naming
/// the file and the line.
final class ConfigFileTests: XCTestCase {
    private let path = "/etc/ccm/ccm.toml"

    private func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let c = try ConfigFile.parse(text, name: path)
            XCTFail("should be refused, read \(c.values)", file: file, line: line)
        } catch let AppError.usage(message) {
            XCTAssertFalse(message.contains("\n"), message, file: file, line: line)
            return message
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return ""
    }

    func testStringsNumbersAndCommentsAsTheOperatorWritesThem() throws {
        let c = try ConfigFile.parse("""
            # configurația CAS Timiș
            casa = "TM"   # județul
            mediu = 'TEST'
            max_file_mb = 64
            max_signature_mb = 0.5
            settle_seconds = 2
            smtp = "smtp://mail.cas.ro:587"
            from_name = "CAS Timiș \\"Serviciul\\""
            """, name: path)
        XCTAssertEqual(c.values, ["casa": "TM", "mediu": "TEST", "max_file_mb": "64", "max_signature_mb": "0.5",
                                  "settle_seconds": "2", "smtp": "smtp://mail.cas.ro:587", "from_name": "CAS Timiș \"Serviciul\""])
    }

    /// The reader's connection (README "Settings") is a key of the file like the owner's.
    func testTheReadersDatabaseURLIsAKnownKey() throws {
        var o = Settings.Options()
        let dir = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("ccm.toml")
        try Data("database_url = \"host=/tmp dbname=ccm\"\ndatabase_url_citire = \"host=/tmp dbname=ccm user=cititor\"\n".utf8).write(to: config)
        o.config = config.path
        XCTAssertEqual(try Settings.resolve(o, environment: [:]).readerDatabaseURL, "host=/tmp dbname=ccm user=cititor")
    }

    func testAFileEditedOnWindowsIsTheSameFile() throws {
        XCTAssertEqual(try ConfigFile.parse("casa = \"TM\"\r\nmax_file_mb = 8\r\n", name: path).values, ["casa": "TM", "max_file_mb": "8"])
    }

    func testAnUnknownKeyIsNamedWithItsLine() {
        let m = refusal("casa = \"TM\"\n\n  arhiva = \"/srv\"\n")
        XCTAssertTrue(m.hasPrefix("\(path):3: cheie necunoscută „arhiva”"), m)
        XCTAssertTrue(m.contains("archive"), "lists the known keys: \(m)")
    }

    func testASectionsKeysAreNotSilentlyDropped() {
        let m = refusal("casa = \"TM\"\n[smtp]\nhost = \"x\"\n")
        XCTAssertTrue(m.hasPrefix("\(path):3: cheie necunoscută „smtp.host”"), m)
    }

    /// `casa = TM` is not TOML: the line says how to write text.
    func testUnquotedTextIsASyntaxErrorNamingItsLine() {
        let m = refusal("mediu = \"TEST\"\ncasa = TM\n")
        XCTAssertTrue(m.hasPrefix("\(path):2: nu este TOML valid (un text se scrie între ghilimele"), m)
    }

    func testADuplicateKeyAndAnUnclosedStringNameTheirLines() {
        XCTAssertTrue(refusal("casa = \"TM\"\ncasa = \"CJ\"\n").hasPrefix("\(path):2: nu este TOML valid"))
        XCTAssertTrue(refusal("casa = \"TM\ninbox = \"/x\"\n").hasPrefix("\(path):1: nu este TOML valid"))
    }

    func testAListWhereOneValueIsExpectedIsRefused() {
        let m = refusal("casa = \"TM\"\ninbox = [\"/a\", \"/b\"]\n")
        XCTAssertTrue(m.hasPrefix("\(path):2: „inbox” se scrie ca text între ghilimele sau ca număr"), m)
    }

    func testAnUnreadableFileIsNamed() {
        XCTAssertThrowsError(try ConfigFile.load("/nonexistent/ccm.toml")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/ccm.toml"), "\(error)")
        }
    }
}
