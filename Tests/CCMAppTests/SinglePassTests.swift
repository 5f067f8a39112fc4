import CCMCore
import CCMSignature
import CCMRuntime
import CCMStore
import CCMXML
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// A file too large to hold is read once, in one stream, while it is judged: its digest, its
/// parse and schema, its detached content digest and its enveloped reference digest all come
/// from the same bytes (`PreparedFile.readOnce`), and it ends as a held file would, row for row.
final class SinglePassTests: DatabaseTestCase {
    static let pki = Paths.sampleData.appendingPathComponent("pki")
    let received = ISO8601DateFormatter().date(from: "2026-11-10T10:00:00+02:00")!

    func certPath(_ name: String) -> String { Self.pki.appendingPathComponent("certs/\(name).pem").path }

    func trustItems() throws -> [TrustFile.Item] {
        try ["trust/root-ca.pem", "trust/intermediate-ca.crl.pem"].flatMap {
            TrustFile.read(try Data(contentsOf: Self.pki.appendingPathComponent($0)))
        }
    }

    /// `document` written to `dir/name` and signed (`scripts/sign-submission.sh`), `mode` detached or enveloped.
    @discardableResult
    func signed(_ name: String, in dir: URL, mode: String, options: [String] = [], document: String = Fixture.document(),
                signer: String = "signer-valid-rsa") throws -> URL {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let plain = dir.appendingPathComponent(name)
        try Data(document.utf8).write(to: plain)
        try TestPKI.sign(plain, mode: mode, signer: signer, options: options, scratch: folder)
        return plain
    }

    /// The bytes through a pipe — read once, in order, and never again — into `PreparedFile.stream`.
    func streamed(_ bytes: Data, as file: InboxFile, reader: SubmissionReader, gate: SignatureGate?) throws -> PreparedFile.Pass {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let written = DispatchGroup()
        written.enter()
        DispatchQueue.global().async {
            bytes.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = write(writeEnd, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { break }
                    done += n
                }
            }
            close(writeEnd)
            written.leave()
        }
        defer { written.wait(); close(readEnd) }
        return try PreparedFile.stream(readEnd, file, reader: reader, gate: gate, into: SubmissionRecorder())
    }

    /// The file's name names no XML at all, only its `.p7s`: whatever read the document by its
    /// path (the digest, the parse, either signature) would find nothing there.
    func testDigestParseAndBothSignaturesComeFromTheOneStream() throws {
        let items = try trustItems()
        let gate = SignatureGate(trust: TrustMaterial(anchors: items.filter { !$0.isCRL }.map(\.der), crls: items.filter(\.isCRL).map(\.der)))
        let reader = SubmissionReader(schema: SharedSchema.schema)
        let dir = folder.appendingPathComponent("signed")
        let cases: [(String, String, [String])] = [
            ("detached.xml", "detached", []), ("exclusive.xml", "enveloped", []),
            ("inclusive.xml", "enveloped", ["--c14n", "inclusive"]), ("sha512.xml", "enveloped", ["--digest", "sha512"]),
            ("comments.xml", "enveloped", ["--c14n", "exclusive-comments"]),
        ]
        for (name, mode, options) in cases {
            let url = try signed(name, in: dir, mode: mode, options: options)
            var bytes = try Data(contentsOf: url)
            for tampered in [false, true] {
                if tampered, let i = bytes.firstRange(of: Data("Ionescu".utf8))?.lowerBound { bytes[i] = UInt8(ascii: "J") }
                let ghost = folder.appendingPathComponent("ghost-\(tampered)-\(name)")
                if mode == "detached" { try FileManager.default.copyItem(atPath: url.path + ".p7s", toPath: ghost.path + ".p7s") }
                XCTAssertFalse(FileManager.default.fileExists(atPath: ghost.path))
                let pass = try streamed(bytes, as: InboxFile(path: ghost.path, receivedAt: received), reader: reader, gate: gate)
                let held = reader.read(bytes: bytes, into: SubmissionRecorder())
                let expected = gate.check(InboxFile(path: url.path, receivedAt: received), xml: bytes, enveloped: held.signed)
                let label = "\(name) tampered: \(tampered)"
                XCTAssertEqual(pass.sha256, Digest.sha256Hex(bytes), label)
                XCTAssertEqual(pass.size, bytes.count, label)
                XCTAssertEqual(pass.read.findings, held.findings, label)
                XCTAssertEqual(pass.read.tally, held.tally, label)
                XCTAssertEqual(pass.signature()?.findings, expected.findings, label)
                XCTAssertEqual(pass.signature()?.signers.map(\.sha256), expected.signers.map(\.sha256), label)
                XCTAssertEqual(expected.findings.map(\.code), tampered ? ["F04"] : [], label)
                XCTAssertEqual(pass.signatures?.enveloped.readAgain, false, label)
            }
        }
    }

    /// A held file's enveloped signature is judged from what its parse saw (`PreparedFile.prepare`):
    /// the verdict a read of its own gives (`SignatureGate.check` without the pass), without that
    /// read — handed the other version's bytes, the gate still judges the version parsed.
    func testAHeldFilesEnvelopedSignatureComesFromItsParse() throws {
        let items = try trustItems()
        let gate = SignatureGate(trust: TrustMaterial(anchors: items.filter { !$0.isCRL }.map(\.der), crls: items.filter(\.isCRL).map(\.der)))
        let reader = SubmissionReader(schema: SharedSchema.schema)
        let dir = folder.appendingPathComponent("held")
        let cases: [(String, [String])] = [
            ("exclusive.xml", []), ("inclusive.xml", ["--c14n", "inclusive"]), ("sha512.xml", ["--digest", "sha512"]),
            ("comments.xml", ["--c14n", "exclusive-comments"]),
        ]
        for (name, options) in cases {
            let url = try signed(name, in: dir, mode: "enveloped", options: options)
            let good = try Data(contentsOf: url)
            var bad = good
            let i = try XCTUnwrap(good.firstRange(of: Data("Ionescu".utf8))?.lowerBound)
            bad[i] = UInt8(ascii: "J")
            let file = InboxFile(path: url.path, receivedAt: received)
            for (bytes, other, codes) in [(good, bad, [String]()), (bad, good, ["F04"])] {
                let label = "\(name) \(codes)"
                let expected = gate.check(file, xml: bytes, enveloped: true)
                XCTAssertEqual(expected.findings.map(\.code), codes, label)
                try bytes.write(to: url)
                let prepared = try XCTUnwrap(try PreparedFile.prepare(file, reader: reader, gate: gate, rules: SharedSchema.rules), label)
                XCTAssertEqual(prepared.signature?.findings, expected.findings, label)
                XCTAssertEqual(prepared.signature?.signers.map(\.sha256), expected.signers.map(\.sha256), label)
                let pass = EnvelopedSignaturePass(eager: true)
                let read = reader.read(bytes: bytes, name: url.path, into: SubmissionRecorder(), observer: pass)
                XCTAssertTrue(read.signed, label)
                let judged = gate.check(file, xml: other, enveloped: true, pass: pass)
                XCTAssertEqual(judged.findings, expected.findings, label)
                XCTAssertEqual(judged.signers.map(\.sha256), expected.signers.map(\.sha256), label)
                XCTAssertFalse(pass.readAgain, "\(label): read again")
            }
        }
    }

    /// Inclusive and exclusive C14N are computed once when they are the same bytes, twice when the
    /// root declares more than its own namespace; a namespace declared further down leaves an
    /// inclusive reference to a read of its own (the file's path, read again), an exclusive one not.
    func testTheCanonicalFormsTheOnePassKeepsAndTheOneItLeaves() throws {
        let items = try trustItems()
        let gate = SignatureGate(trust: TrustMaterial(anchors: items.filter { !$0.isCRL }.map(\.der), crls: items.filter(\.isCRL).map(\.der)))
        let reader = SubmissionReader(schema: SharedSchema.schema)
        let dir = folder.appendingPathComponent("forms")
        let root = "<RaportareCCM xmlns=\"urn:ro:cnas:ccm:raportare:1\""
        let rootDeclares = Fixture.document().replacingOccurrences(of: root, with: root + " xmlns:x=\"urn:x\"")
        let belowDeclares = Fixture.document().replacingOccurrences(of: "<Furnizor ", with: "<Furnizor xmlns=\"urn:ro:cnas:ccm:raportare:1\" ")
        let cases: [(String, String, [String], Bool)] = [
            ("root-inclusive.xml", rootDeclares, ["--c14n", "inclusive"], false), ("root-exclusive.xml", rootDeclares, [], false),
            ("below-inclusive.xml", belowDeclares, ["--c14n", "inclusive"], true), ("below-exclusive.xml", belowDeclares, [], false),
        ]
        for (name, document, options, again) in cases {
            let url = try signed(name, in: dir, mode: "enveloped", options: options, document: document)
            let bytes = try Data(contentsOf: url)
            let pass = try streamed(bytes, as: InboxFile(path: url.path, receivedAt: received), reader: reader, gate: gate)
            XCTAssertEqual(pass.read.findings, [], name)
            XCTAssertEqual(pass.signature()?.findings, [], name)
            XCTAssertEqual(pass.signature()?.signers.count, 1, name)
            XCTAssertEqual(pass.signatures?.enveloped.readAgain, again, name)
        }
    }

    /// A file not XML, one cut short and an empty one: digested whole all the same, refused as held.
    func testWhatIsNotReadIsStillDigested() throws {
        let reader = SubmissionReader(schema: SharedSchema.schema)
        let good = Data(Fixture.document().utf8)
        for bytes in [Data("not xml at all".utf8) + good, good.prefix(good.count / 2), Data(), Data("<!DOCTYPE x>".utf8) + good] {
            let pass = try streamed(bytes, as: InboxFile(path: "/nonexistent/x.xml", receivedAt: received), reader: reader, gate: nil)
            XCTAssertEqual(pass.sha256, Digest.sha256Hex(bytes))
            XCTAssertEqual(pass.size, bytes.count)
            XCTAssertEqual(pass.read.findings, reader.read(bytes: bytes, into: SubmissionRecorder()).findings)
        }
    }

    /// A file over the hold limit is not read when prepared, and left unjudged when it changed since.
    func testAFileChangedBeforeItsOneReadIsLeftForALaterRun() throws {
        let url = try drop([("a.xml", Fixture.document())])[0]
        let reader = SubmissionReader(schema: SharedSchema.schema)
        let file = InboxFile(path: url.path, receivedAt: received)
        let prepared = try XCTUnwrap(try PreparedFile.prepare(file, reader: reader, gate: nil, rules: SharedSchema.rules, holdLimit: 0))
        XCTAssertNil(prepared.content)
        XCTAssertEqual(prepared.sha256, "", "not read yet")
        XCTAssertNil(prepared.unsettled)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        XCTAssertThrowsError(try PreparedFile.readOnce(prepared, reader: reader, gate: nil, into: SubmissionRecorder())) {
            XCTAssertEqual(($0 as? Unsettled)?.reason, .inScriere)
        }
    }

    // MARK: held and streamed, row for row

    /// Every row of every table, but for what names the run's own folder or the time it was written (`*_at`).
    func rows(_ database: TestDatabase, folders: [URL]) throws -> [String] {
        let tables = try database.db.exec("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'ingest_queue' ORDER BY 1
            """).compactMap { $0[0] }
        var out: [String] = []
        for t in tables {
            let lines = try database.db.exec("""
                SELECT (SELECT jsonb_object_agg(k, v) FROM jsonb_each(to_jsonb(x)) e(k, v)
                        WHERE k NOT IN ('stored_as', 'moving_to') AND (k NOT LIKE '%\\_at' OR k = 'received_at'))::text FROM "\(t)" x ORDER BY 1
                """).compactMap { $0[0] }
            out += lines.map { line in folders.reduce("\(t): \(line)") { $0.replacingOccurrences(of: $1.path, with: "<dir>") } }
        }
        return out
    }

    func prepare(_ database: TestDatabase) throws {
        _ = try RegistryStore(database.db).upsert([Provider(cui: Fixture.cui, denumire: "CMI Dr. Test", casa: "TM", nrConventie: "CV-1",
                                                            conventieDeLa: LocalDate("2025-01-01")!, conventiePanaLa: nil, email: nil,
                                                            tip: .mf)], at: Fixture.registryDate)
        for i in try trustItems() {
            try TrustStore(database.db).add(kind: i.isCRL ? .crl : .anchor, der: i.der, sha256: i.sha256, subject: i.subject)
        }
        let rsa = try XCTUnwrap(TrustFile.certificateSHA256(try Data(contentsOf: URL(fileURLWithPath: certPath("signer-valid-rsa"))))?.sha256)
        try SignerStore(database.db).record(.init(cui: Fixture.cui, certSHA256: rsa, cnp: Fixture.cnp, nume: "rsa", email: nil, role: .legal,
                                                  state: .active, from: Fixture.registryDate, until: nil, decidedBy: "test"), at: Fixture.registryDate)
    }

    func testAFileReadWhileJudgedEndsAsAHeldFileWouldRowForRow() throws {
        let source = folder.appendingPathComponent("source")
        let id = UUID()
        try signed("1-detached.xml", in: source, mode: "detached", document: Fixture.document(id: id, certificates: Fixture.certs(3)))
        try signed("2-enveloped.xml", in: source, mode: "enveloped",
               document: Fixture.document(luna: "2026-09", certificates: Fixture.certs(600, from: 4500000)))
        try signed("3-inclusive.xml", in: source, mode: "enveloped", options: ["--c14n", "inclusive"],
               document: Fixture.document(luna: "2026-08", certificates: Fixture.certs(2, from: 4510000)))
        // Signed, then changed: F04 either way.
        let tampered = try signed("4-tampered.xml", in: source, mode: "enveloped", document: Fixture.document(luna: "2026-07"))
        try Data(try String(contentsOf: tampered).replacingOccurrences(of: "Ionescu", with: "Jonescu").utf8).write(to: tampered)
        let cut = try signed("5-cut.xml", in: source, mode: "detached", document: Fixture.document(luna: "2026-06"))
        try Data(try Data(contentsOf: cut).dropLast(3)).write(to: cut)
        try Data(Fixture.document(luna: "2026-05").utf8).write(to: source.appendingPathComponent("6-unsigned.xml"))
        try Data("<RaportareCCM".utf8).write(to: source.appendingPathComponent("7-notxml.xml"))
        // The same bytes again (a DUPLICAT by its digest) and the same IdDocument in other bytes.
        try FileManager.default.copyItem(at: source.appendingPathComponent("1-detached.xml"), to: source.appendingPathComponent("8-copy.xml"))
        try FileManager.default.copyItem(at: source.appendingPathComponent("1-detached.xml.p7s"), to: source.appendingPathComponent("8-copy.xml.p7s"))
        try signed("9-sameid.xml", in: source, mode: "detached", document: Fixture.document(id: id, certificates: Fixture.certs(1)))

        let other = try TestDatabase()
        defer { other.drop() }
        var outcomes: [[String]] = [], dumps: [[String]] = []
        for (database, hold, name) in [(database!, PreparedFile.holdLimit, "held"), (other, 0, "streamed")] {
            try prepare(database)
            let home = folder.appendingPathComponent(name)
            let inbox = home.appendingPathComponent("inbox")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: inbox)
            var s = Settings(home: home, databaseURL: database.url, casa: "TM", mediu: .test, signatures: .required,
                             schemasDir: Paths.schemas, rulesFile: nil, archiveDir: home.appendingPathComponent("arhiva"),
                             quarantineDir: home.appendingPathComponent("carantina"), inboxDir: inbox, maxFileBytes: 256 << 20)
            s.settleSeconds = 0
            let p = try IngestPipeline(settings: s, db: database.db, schema: SharedSchema.schema, rules: SharedSchema.rules)
            p.holdLimit = hold
            let summary = try p.run(paths: [], receivedAt: received, keepCertificateLines: true)
            outcomes.append(summary.outcomes.map {
                "\($0.file) \($0.status.rawValue) \($0.errors.map { "\($0.code):\($0.message)" }) \($0.sha256) \($0.signature ?? "-") " +
                "\($0.certificateCount) \($0.certificates.map { "\($0.numar):\($0.status)" })"
            })
            dumps.append(try rows(database, folders: [home]))
            XCTAssertEqual(summary.left, 0, name)
        }
        XCTAssertEqual(outcomes[0].map { $0.split(separator: " ").prefix(2).joined(separator: " ") },
                       ["1-detached.xml INREGISTRAT", "2-enveloped.xml INREGISTRAT", "3-inclusive.xml INREGISTRAT", "4-tampered.xml RESPINS",
                        "5-cut.xml RESPINS", "6-unsigned.xml RESPINS", "7-notxml.xml RESPINS", "8-copy.xml DUPLICAT", "9-sameid.xml DUPLICAT"])
        XCTAssertEqual(outcomes[0], outcomes[1])
        XCTAssertEqual(dumps[0].count, dumps[1].count)
        for (held, streamed) in zip(dumps[0], dumps[1]) where held != streamed { XCTFail("held \(held)\nstreamed \(streamed)"); break }
        XCTAssertGreaterThan(dumps[0].filter { $0.hasPrefix("certificate_versions") }.count, 600)
    }

    /// Committed but not moved (the run stopped there): the next run finds its bytes' record at
    /// the end of its one read and only moves it, as it would a held file.
    func testARunStoppedBeforeTheMoveIsFinishedByTheNextOneRead() throws {
        struct Stop: Error {}
        try registerProvider()
        try drop([("1.xml", Fixture.document(certificates: Fixture.certs(3)))])
        func pipeline() throws -> IngestPipeline {
            let p = try IngestPipeline(settings: settings(), db: db, schema: SharedSchema.schema, rules: SharedSchema.rules)
            p.holdLimit = 0
            return p
        }
        let stopped = try pipeline()
        stopped.groupCommitted = { throw Stop() }
        XCTAssertThrowsError(try stopped.run(paths: [], receivedAt: received, keepCertificateLines: false))
        XCTAssertTrue(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("1.xml").path))
        let again = try pipeline().run(paths: [], receivedAt: received, keepCertificateLines: false)
        let o = try XCTUnwrap(again.outcomes.first)
        XCTAssertEqual(o.status, .inregistrat)
        XCTAssertTrue(o.judgedEarlier)
        XCTAssertNotNil(o.storedAs)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 3)
    }
}
