import CCMCore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMXML

/// The libxml2 adapter on real files: F01 and F02, hostile input, encodings.
final class XMLReaderTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try Paths.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func read(_ bytes: Data, limits: ReadLimits = ReadLimits()) throws -> (ReadResult, SubmissionRecorder) {
        let u = folder.appendingPathComponent(UUID().uuidString + ".xml")
        try bytes.write(to: u)
        let r = SubmissionRecorder()
        return (SubmissionReader(schema: SharedSchema.schema, limits: limits).read(path: u.path, into: r), r)
    }

    func read(_ text: String) throws -> (ReadResult, SubmissionRecorder) { try read(Data(text.utf8)) }

    func codes(_ r: ReadResult) -> [String] { r.findings.map(\.code) }

    /// Furnizor/@email takes exactly what Mailbox takes: an address a document gives is one the
    /// notifier can put in a header and an RCPT. (Written as XML character references.)
    func testTheSchemaEmailTypeAgreesWithMailbox() throws {
        let addresses = ["cabinet@exemplu.ro", "dr.ion.popescu@cmi-popescu.ro", "raportari+ccm@cas-tm.ro", "o'brien@example.co.uk",
                         "{a}|b`~#!$%*/?^=@x1.example", "x@xn--clinic-8xa.ro", String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 63) + ".ro",
                         "victim@exemplu.ro\r\nBcc: attacker@evil.example", "evil.example>,<victim@exemplu.ro", "a,b@x.ro", "a;b@x.ro",
                         "<a@x.ro>", "\"ion\"@x.ro", "Ion <ion@x.ro>", String(repeating: "a", count: 65) + "@x.ro",
                         String(repeating: "x", count: 290) + "@exemplu.ro", "a@" + String(repeating: "b", count: 64) + ".ro",
                         "a@localhost", "a@1.2.3.4", "a@[127.0.0.1]", "a@-x.ro", "a@x-.ro", "a..b@x.ro", ".a@x.ro", "a@x..ro",
                         "ștefan@x.ro", "a@clinică.ro", "a\u{7F}@x.ro", "a\u{85}@x.ro", "a@x.ro\u{202E}", "a\u{200B}@x.ro", "a@b@x.ro", "a@x_y.ro"]
        for address in addresses {
            let escaped = address.unicodeScalars.map { s -> String in
                s.isASCII && s.value >= 0x20 && !"&<>\"".unicodeScalars.contains(s) ? String(s) : "&#\(s.value);"
            }.joined()
            let xml = Fixture.document().replacingOccurrences(of: "denumire=\"CMI Dr. Popescu Ana\"",
                                                              with: "denumire=\"CMI Dr. Popescu Ana\" email=\"\(escaped)\"")
            let (r, rec) = try read(xml)
            let debug = address.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "U+\(String($0.value, radix: 16))" }.joined()
            if Mailbox.isValid(address) {
                XCTAssertEqual(codes(r), [], debug)
                XCTAssertEqual(rec.header?.email, address, debug)
            } else {
                XCTAssertEqual(Set(codes(r)), ["F02"], debug)
            }
        }
    }

    func testGoodDocumentIsQuietAndStreamsItsContent() throws {
        let (r, rec) = try read(Fixture.document(certificates: Fixture.certs(3)))
        XCTAssertEqual(codes(r), [])
        XCTAssertEqual(rec.header?.cui, Fixture.cui)
        XCTAssertEqual(rec.header?.luna.description, "2026-10")
        XCTAssertEqual(rec.header?.mediu, .test)
        XCTAssertEqual(rec.certificates.map(\.numar), ["4400100", "4400101", "4400102"])
        XCTAssertEqual(rec.certificates.first?.body?.perioada.zile, 4)
        XCTAssertEqual(r.tally.certificates, 3)
        XCTAssertEqual(r.tally.days, 12)
        XCTAssertEqual(r.tally.declared, DeclaredTotals(nrCertificate: 3, totalZile: 12))
    }

    func testTruncatedFileIsF01WithItsLine() throws {
        let doc = Fixture.document()
        let (r, _) = try read(String(doc.prefix(doc.count / 2)))
        XCTAssertEqual(codes(r), ["F01"])
        XCTAssertGreaterThan(r.findings[0].line ?? 0, 1)
    }

    func testDoctypeWithExternalEntityIsRefusedAndNothingIsRead() throws {
        let secret = folder.appendingPathComponent("secret.txt")
        try "TAINA-DE-PE-DISC".write(to: secret, atomically: true, encoding: .utf8)
        let xxe = Fixture.document().replacingOccurrences(of: "<RaportareCCM", with:
            "<!DOCTYPE RaportareCCM [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>\n<RaportareCCM")
            .replacingOccurrences(of: "<Serie>CCMAM</Serie>", with: "<Serie>&xxe;</Serie>")
        let before = LibXML.refusedLoads
        let (r, rec) = try read(xxe)
        XCTAssertEqual(codes(r), ["F01"])
        XCTAssertTrue(r.findings[0].message.contains("DOCTYPE"))
        XCTAssertNil(rec.header)
        // The second lock: libxml2 itself, with the byte-level check bypassed.
        let u = folder.appendingPathComponent("xxe.xml")
        try Data(xxe.utf8).write(to: u)
        let fh = try FileHandle(forReadingFrom: u)
        defer { try? fh.close() }
        let direct = SubmissionReader(schema: SharedSchema.schema).parse(
            input: XMLInput(fd: fh.fileDescriptor, limits: ReadLimits(maxBytes: 1 << 20)), name: u.path, sink: SubmissionRecorder())
        XCTAssertEqual(codes(direct), ["F01"])
        XCTAssertEqual(LibXML.refusedLoads, before, "no document may make libxml2 ask for a file")
        XCTAssertFalse((r.findings + direct.findings).contains { $0.message.contains("TAINA") })
    }

    func testBillionLaughsAndQuadraticBlowupAreRefusedWithBoundedMemory() throws {
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE RaportareCCM [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 { laughs += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        laughs += "]>\n<RaportareCCM xmlns=\"urn:ro:cnas:ccm:raportare:1\">&lol9;</RaportareCCM>\n"
        let big = String(repeating: "a", count: 100_000)
        let quadratic = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"\(big)\">]>\n<RaportareCCM xmlns=\"urn:ro:cnas:ccm:raportare:1\">"
            + String(repeating: "&a;", count: 20_000) + "</RaportareCCM>\n"
        let rssBefore = peakRSS()
        for doc in [laughs, quadratic] {
            let (r, _) = try read(doc)
            XCTAssertEqual(codes(r), ["F01"])
            // And with the byte-level check bypassed, libxml2 must still refuse without expanding.
            let u = folder.appendingPathComponent("bomb.xml")
            try Data(doc.utf8).write(to: u)
            let fh = try FileHandle(forReadingFrom: u)
            let direct = SubmissionReader(schema: SharedSchema.schema).parse(
                input: XMLInput(fd: fh.fileDescriptor, limits: ReadLimits(maxBytes: 64 << 20)), name: u.path, sink: SubmissionRecorder())
            try fh.close()
            XCTAssertEqual(codes(direct), ["F01"])
        }
        XCTAssertLessThan(peakRSS() - rssBefore, 100 << 20, "expansion would take gigabytes")
    }

    func testDeepNestingIsRefused() throws {
        let open = String(repeating: "<Motiv>", count: 10_000), close = String(repeating: "</Motiv>", count: 10_000)
        let doc = Fixture.document().replacingOccurrences(of: "<Certificate>", with: "<Certificate>" + open + close)
        let (r, _) = try read(doc)
        XCTAssertEqual(codes(r), ["F01"])
    }

    func testInvalidBytesInTheDeclaredEncodingAreF01() throws {
        var utf8 = Data(Fixture.document().utf8)
        utf8.replaceSubrange(utf8.range(of: Data("Ionescu".utf8))!, with: Data([0x49, 0xC3, 0x28, 0x6F]))
        XCTAssertEqual(codes(try read(utf8).0), ["F01"])

        let cp1250 = Fixture.document(encoding: "windows-1250").replacingOccurrences(of: "Ștefan", with: "Stefan")
        var bytes = Data(cp1250.utf8)
        bytes.replaceSubrange(bytes.range(of: Data("Ionescu".utf8))!, with: Data([0x49, 0x81, 0x6F]))
        XCTAssertEqual(codes(try read(bytes).0), ["F01"])

        var nul = Data(Fixture.document().utf8)
        nul.replaceSubrange(nul.range(of: Data("Ionescu".utf8))!, with: Data([0x49, 0x00, 0x6F]))
        XCTAssertEqual(codes(try read(nul).0), ["F01"])
    }

    func testEightBitEncodingsAreReadAndNamesStoredWithCommaBelow() throws {
        // "Şerban Ţepeş" with cedillas: ISO-8859-2 0xAA/0xBA/0xDE/0xFE; windows-1250 the same letters at 0xAA/0xBA/0xDE/0xFE.
        for encoding in ["ISO-8859-2", "windows-1250"] {
            let doc = Fixture.document(certificates: [Fixture.Cert()], encoding: encoding)
                .replacingOccurrences(of: "nume=\"Ionescu\" prenume=\"Ștefan\"", with: "nume=\"@NUME@\" prenume=\"@PRENUME@\"")
            var bytes = Data(doc.utf8)
            bytes.replaceSubrange(bytes.range(of: Data("@NUME@".utf8))!, with: Data([0xDE, 0x65, 0x70, 0x65, 0xBA]))   // Ţepeş
            bytes.replaceSubrange(bytes.range(of: Data("@PRENUME@".utf8))!, with: Data([0xAA, 0x65, 0x72, 0x62, 0x61, 0x6E])) // Şerban
            let (r, rec) = try read(bytes)
            XCTAssertEqual(codes(r), [], encoding)
            XCTAssertEqual(rec.certificates.first?.body?.nume, "Țepeș", encoding)
            XCTAssertEqual(rec.certificates.first?.body?.prenume, "Șerban", encoding)
        }
    }

    func testEncodingsOtherThanTheThreeAndLyingBOMsAreF01() throws {
        XCTAssertEqual(codes(try read(Fixture.document(encoding: "ISO-8859-1")).0), ["F01"])
        var bomLie = Data([0xEF, 0xBB, 0xBF])
        bomLie.append(Data(Fixture.document(encoding: "ISO-8859-2").utf8))
        XCTAssertEqual(codes(try read(bomLie).0), ["F01"])
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(Fixture.document(encoding: "UTF-16").data(using: .utf16LittleEndian)!)
        XCTAssertEqual(codes(try read(utf16).0), ["F01"])
        var bomOK = Data([0xEF, 0xBB, 0xBF])
        bomOK.append(Data(Fixture.document().utf8))
        XCTAssertEqual(codes(try read(bomOK).0), [])
    }

    func testFileOverTheLimitIsRefusedBeforeParsing() throws {
        let doc = Data(Fixture.document(certificates: Fixture.certs(50)).utf8)
        let (r, rec) = try read(doc, limits: ReadLimits(maxBytes: doc.count - 1))
        XCTAssertEqual(codes(r), ["F01"])
        XCTAssertNil(rec.header)
        XCTAssertEqual(codes(try read(doc, limits: ReadLimits(maxBytes: doc.count)).0), [])
    }

    func testAReadOverItsTimeLimitIsStoppedAndRefused() throws {
        let doc = Data(Fixture.document(certificates: Fixture.certs(200)).utf8)
        let (r, _) = try read(doc, limits: ReadLimits(maxSeconds: 0))
        XCTAssertEqual(codes(r), ["F01"])
        XCTAssertTrue(r.findings[0].message.contains("a depășit 0 s"), r.findings[0].message)
        XCTAssertEqual(codes(try read(doc, limits: ReadLimits(maxSeconds: 60)).0), [])
    }

    func testGzipIsNotDecompressed() throws {
        let gz = try Process.gzip(Data(Fixture.document().utf8), in: folder)
        XCTAssertEqual(codes(try read(gz).0), ["F01"])
    }

    func testSchemaErrorsCarryLineAndColumnAndAreAllReported() throws {
        var bad1 = Fixture.Cert(); bad1.serie = "ccmam"
        var bad2 = Fixture.Cert(); bad2.numar = "44A"
        let doc = Fixture.document(certificates: [Fixture.Cert(), bad1, bad2])
        let (r, _) = try read(doc)
        XCTAssertEqual(codes(r), ["F02", "F02"])
        let serieLine = doc.components(separatedBy: "\n").firstIndex { $0.contains("<Serie>ccmam") }.map { $0 + 1 }
        XCTAssertEqual(r.findings[0].line, serieLine)
        XCTAssertGreaterThan(r.findings[0].column ?? 0, 0)
        XCTAssertTrue(r.findings[0].message.contains("linia \(serieLine ?? -1), coloana"))
    }

    func testGoodSchemaNeighboursStayQuiet() throws {
        // The F02 neighbours: an uppercase 8-letter Serie and a 10-digit Numar are fine.
        var c = Fixture.Cert(); c.serie = "ABCDEFGH"; c.numar = "1234567890"
        XCTAssertEqual(codes(try read(Fixture.document(certificates: [c])).0), [])
    }

    func testWhiteSpaceAroundValuesIsF02EvenWhereXSDTypesWouldStripIt() throws {
        let doc = Fixture.document().replacingOccurrences(of: "totalZile=\"8\"", with: "totalZile=\" 8\"")
        let (r, _) = try read(doc)
        XCTAssertEqual(codes(r), ["F02"])
        let doc2 = Fixture.document().replacingOccurrences(of: "<Serie>CCMAM</Serie>", with: "<Serie> CCMAM</Serie>")
        XCTAssertTrue(codes(try read(doc2).0).allSatisfy { $0 == "F02" })
        XCTAssertFalse(codes(try read(doc2).0).isEmpty)
    }

    func testCertificateContentMustMatchItsOperation() throws {
        var del = Fixture.Cert(); del.operatie = "STERGERE"; del.stergere = true
        var addShort = Fixture.Cert(); addShort.operatie = "ADAUGARE"; addShort.stergere = true
        var delFull = Fixture.Cert(); delFull.operatie = "STERGERE"
        XCTAssertEqual(codes(try read(Fixture.document(tip: "RECTIFICATIVA", certificates: [del])).0), [])
        XCTAssertEqual(codes(try read(Fixture.document(tip: "RECTIFICATIVA", certificates: [addShort])).0), ["F02"])
        XCTAssertEqual(codes(try read(Fixture.document(tip: "RECTIFICATIVA", certificates: [delFull])).0), ["F02"])
    }

    func testEmptyCertificateListIsAValidDocument() throws {
        let doc = Fixture.document(certificates: []).replacingOccurrences(of: "<Certificate>\n\n  </Certificate>", with: "<Certificate/>")
        let (r, rec) = try read(doc)
        XCTAssertEqual(codes(r), [])
        XCTAssertNotNil(rec.header)
        XCTAssertEqual(r.tally.certificates, 0)
    }
}

func peakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

extension Process {
    static func gzip(_ data: Data, in folder: URL) throws -> Data {
        let u = folder.appendingPathComponent("plain.xml")
        try data.write(to: u)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-kf", u.path]
        try p.run()
        p.waitUntilExit()
        return try Data(contentsOf: folder.appendingPathComponent("plain.xml.gz"))
    }
}
