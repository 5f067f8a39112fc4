import CCMApp
import CCMCore
@testable import CCMRuntime
import CCMSignature
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// F03–F06 on real signatures made with the test PKI (`SampleData/pki`, `scripts/sign-submission.sh`),
/// judged at the receipt time, with the enrolment as it was then.
final class SignatureTests: DatabaseTestCase {
    static let pki = Paths.sampleData.appendingPathComponent("pki")
    let received = "2026-11-10T10:00:00+02:00"

    func certPath(_ name: String) -> String { SignatureTests.pki.appendingPathComponent("certs/\(name).pem").path }
    func sha(_ name: String) throws -> String {
        try XCTUnwrap(TrustFile.certificateSHA256(try Data(contentsOf: URL(fileURLWithPath: certPath(name))))?.sha256)
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try registerProvider()
        for f in ["trust/root-ca.pem", "trust/intermediate-ca.crl.pem"] {
            for i in TrustFile.read(try Data(contentsOf: SignatureTests.pki.appendingPathComponent(f))) {
                try TrustStore(db).add(kind: i.isCRL ? .crl : .anchor, der: i.der, sha256: i.sha256, subject: i.subject)
            }
        }
    }

    func signedSettings() -> Settings { var s = settings(); s.signatures = .required; return s }

    /// Writes a document into the inbox and signs it with `signer`, `mode` enveloped or detached.
    func signed(_ name: String, signer: String, mode: String = "detached", options: [String] = [],
                document: String = Fixture.document()) throws -> URL {
        let plain = try drop([(name, document)])[0]
        try TestPKI.sign(plain, mode: mode, signer: signer, options: options, scratch: folder)
        return plain
    }

    func enrol(_ signer: String, cui: String = Fixture.cui, role: SignerStore.Role = .legal, state: SignerStore.State = .active,
               at: String = "2026-01-01T00:00:00+02:00") throws {
        try SignerStore(db).record(.init(cui: cui, certSHA256: try sha(signer), cnp: Fixture.cnp, nume: signer, email: nil, role: role,
                                         state: state, from: Date(), until: nil, decidedBy: "test"),
                                   at: ISO8601DateFormatter().date(from: at)!)
    }

    func outcome() throws -> FileOutcome { try XCTUnwrap(try ingest(at: received, settings: signedSettings()).outcomes.first) }
    func codes(_ o: FileOutcome) -> [String] { o.errors.map(\.code) }

    func testF03UnsignedIsRefusedAndASignedOneIsNot() throws {
        try drop([("a.xml", Fixture.document())])
        XCTAssertEqual(codes(try outcome()), ["F03"])
        try enrol("signer-valid-rsa")
        _ = try signed("b.xml", signer: "signer-valid-rsa", document: Fixture.document(certificates: Fixture.certs(1, from: 4400700)))
        let o = try outcome()
        XCTAssertEqual(o.status, .inregistrat, "\(o.errors)")
        XCTAssertTrue(o.signature?.contains("signingTime") ?? false, o.signature ?? "")
    }

    func testDetachedRSAAndECSignaturesVerifyAndOneChangedByteDoesNot() throws {
        try enrol("signer-valid-rsa"); try enrol("signer-valid-ec", role: .user)
        let f = try signed("a.xml", signer: "signer-valid-rsa")
        var bytes = try Data(contentsOf: f)
        let i = try XCTUnwrap(bytes.range(of: Data("Ionescu".utf8))).lowerBound
        bytes[i] = UInt8(ascii: "J")
        try bytes.write(to: f)
        let o = try outcome()
        XCTAssertEqual(codes(o), ["F04"])
        XCTAssertEqual(o.status, .respins)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 0)
        _ = try signed("b.xml", signer: "signer-valid-ec", document: Fixture.document(certificates: Fixture.certs(1, from: 4400800)))
        XCTAssertEqual(codes(try outcome()), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("arhiva/2026-10/b.xml.p7s").path),
                      "the signature travels with its file")
    }

    func testPEMDetachedAndBothFormsTogether() throws {
        try enrol("signer-valid-rsa"); try enrol("signer-valid-ec", role: .user)
        // A PEM .p7s verifies like a DER one.
        _ = try signed("a.xml", signer: "signer-valid-ec", options: ["--pem"], document: Fixture.document(certificates: Fixture.certs(1, from: 4403000)))
        XCTAssertEqual(codes(try outcome()), [])
        // Enveloped and detached on the same file: both must pass.
        try registerProvider(Fixture.otherCui)
        try enrol("signer-valid-rsa", cui: Fixture.otherCui)
        let both = try signed("b.xml", signer: "signer-valid-rsa", mode: "enveloped",
                              document: Fixture.document(cui: Fixture.otherCui, certificates: Fixture.certs(1, from: 4403100)))
        try Data("nu este o semnătură".utf8).write(to: URL(fileURLWithPath: both.path + ".p7s"))
        let refused = try outcome()
        XCTAssertEqual(codes(refused), ["F04"], "a good enveloped signature does not excuse a bad .p7s")
        try FileManager.default.moveItem(atPath: folder.appendingPathComponent("carantina/2026-10/b.xml").path, toPath: both.path)
        try FileManager.default.removeItem(atPath: folder.appendingPathComponent("carantina/2026-10/b.xml.p7s").path)
        let key = SignatureTests.pki.appendingPathComponent("keys/signer-valid-rsa.key.pem").path
        let r = try Subprocess.run("/bin/bash", [Paths.repo.appendingPathComponent("scripts/sign-submission.sh").path, "detached",
                                                 key, certPath("signer-valid-rsa"), SignatureTests.pki.appendingPathComponent("certs/chain.pem").path,
                                                 both.path, both.path + ".p7s"])
        XCTAssertEqual(r.status, 0, r.output)
        let accepted = try outcome()
        XCTAssertEqual(codes(accepted), [], "\(accepted.errors)")
        XCTAssertEqual(accepted.signature?.components(separatedBy: " | ").count, 2, accepted.signature ?? "")
        // The registered document keeps the note too (its row is inserted before signatures are judged).
        XCTAssertEqual(try db.exec("SELECT signature FROM documents WHERE status = 'INREGISTRAT' AND sha256 = $1", [accepted.sha256]).first?["signature"], accepted.signature)
    }

    func testSHA1IsRefused() throws {
        try enrol("signer-sha1")
        _ = try signed("a.xml", signer: "signer-sha1", options: ["--digest", "sha1"])
        let o = try outcome()
        XCTAssertEqual(codes(o), ["F04"])
        XCTAssertTrue(o.errors[0].message.contains("SHA-1"))
    }

    /// The holders' names (CN) of the test PKI's signers, as SampleData/pki made them.
    static let holders = ["signer-untrusted": "Vasilescu Dan", "signer-expired": "Dumitru Gheorghe", "signer-not-yet-valid": "Constantinescu Irina",
                          "signer-revoked": "Marinescu Victor", "signer-no-signing-usage": "Georgescu Radu"]

    func testF05SignerCertificatesJudgedAtTheReceipt() throws {
        let cases: [(String, String?)] = [
            ("signer-untrusted", "autoritate"), ("signer-expired", "expirat"), ("signer-not-yet-valid", "încă valabil"),
            ("signer-revoked", "revocat"), ("signer-no-signing-usage", "semnarea"), ("signer-revoked-later", nil),
        ]
        for (i, (signer, expected)) in cases.enumerated() {
            try enrol(signer, role: .user)
            _ = try signed("\(i).xml", signer: signer, document: Fixture.document(certificates: Fixture.certs(1, from: 4401000 + i * 10)))
            let o = try outcome()
            if let expected {
                XCTAssertEqual(codes(o), ["F05"], signer)
                XCTAssertTrue(o.errors.first?.message.contains(expected) ?? false, "\(signer): \(o.errors)")
                // The provider reads who signed; the public table does not name the person, nor shows the CNP its certificate holds.
                let holder = try XCTUnwrap(Self.holders[signer])
                let reason = try XCTUnwrap(db.exec("""
                    SELECT r.message, r.public_message FROM document_reasons r JOIN documents d ON d.id = r.document_id
                    WHERE d.sha256 = $1 AND r.code = 'F05'
                    """, [o.sha256]).first)
                if signer != "signer-no-signing-usage" { XCTAssertTrue(reason[0]?.contains(holder) ?? false, "\(signer): \(reason[0] ?? "")") }
                XCTAssertFalse(reason[1]?.contains(holder) ?? true, "\(signer): \(reason[1] ?? "")")
                XCTAssertNil(reason[1]?.range(of: "[0-9]{13}", options: .regularExpression), "\(signer): \(reason[1] ?? "")")
            } else {
                XCTAssertEqual(codes(o), [], "\(signer) was revoked only after the receipt: \(o.errors)")
                break // one registered INITIALA per month
            }
        }
    }

    func testF06EnrolmentAtTheReceipt() throws {
        try registerProvider(Fixture.otherCui)
        // Not enrolled at all; enrolled for another CUI; pending; removed before the receipt.
        try enrol("signer-valid-ec", cui: Fixture.otherCui)
        for (i, signer) in ["signer-valid-rsa", "signer-valid-ec"].enumerated() {
            _ = try signed("\(i).xml", signer: signer, document: Fixture.document(certificates: Fixture.certs(1, from: 4402000 + i)))
            let o = try outcome()
            XCTAssertEqual(codes(o), ["F06"], signer)
            XCTAssertTrue(o.errors[0].message.contains(Fixture.cui))
        }
        try enrol("signer-valid-rsa", role: .user, state: .pending)
        _ = try signed("p.xml", signer: "signer-valid-rsa", document: Fixture.document(certificates: Fixture.certs(1, from: 4402100)))
        XCTAssertEqual(codes(try outcome()), ["F06"], "a pending request gives no right to sign")
        // Accepted on 1 November, removed on 20 November: a file received on the 10th passes.
        try SignerStore(db).decide(cui: Fixture.cui, sha: try sha("signer-valid-rsa"), to: .active, requirePending: true,
                                   at: ISO8601DateFormatter().date(from: "2026-11-01T00:00:00+02:00")!, decidedBy: "acceptare")
        try SignerStore(db).decide(cui: Fixture.cui, sha: try sha("signer-valid-rsa"), to: .revoked, requirePending: false,
                                   at: ISO8601DateFormatter().date(from: "2026-11-20T00:00:00+02:00")!, decidedBy: "eliminare")
        _ = try signed("r.xml", signer: "signer-valid-rsa", document: Fixture.document(certificates: Fixture.certs(1, from: 4402200)))
        XCTAssertEqual(codes(try outcome()), [], "removed after the receipt: the right held at the receipt")
    }

    func testANewLegalRepresentativeDemotesThePreviousOneWhoCanStillSign() throws {
        try enrol("signer-valid-rsa", at: "2026-01-01T00:00:00+02:00")
        try enrol("signer-valid-ec", at: "2026-06-01T00:00:00+02:00")
        let now = try SignerStore(db).history(cui: Fixture.cui).filter { $0.until == nil }
        XCTAssertEqual(now.filter { $0.role == .legal }.map(\.certSHA256), [try sha("signer-valid-ec")])
        XCTAssertEqual(now.first { $0.certSHA256 == (try? sha("signer-valid-rsa")) }?.role, .user)
        XCTAssertTrue(try SignerStore(db).isActive(cui: Fixture.cui, sha: try sha("signer-valid-rsa"), at: Date()))
        XCTAssertEqual(try database.count("SELECT count(*) FROM signer_versions"), 3, "every change kept: two enrolments and a demotion")
    }

    func testTheDatabaseAllowsOneActiveLegalRepresentativeWhateverTheOrder() throws {
        try enrol("signer-valid-rsa")
        XCTAssertThrowsError(try db.exec("""
            INSERT INTO signer_versions (cui, cert_sha256, nume, rol, stare, valid_from, decided_by)
            VALUES ($1, $2, 'x', 'REPREZENTANT_LEGAL', 'ACTIV', now(), 'direct')
            """, [Fixture.cui, try sha("signer-valid-ec")])) { e in XCTAssertTrue((e as? StoreError)?.isUniqueViolation ?? false) }
    }

    func testTwoConcurrentInstallationsLeaveExactlyOneLegalRepresentative() throws {
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path]
        let group = DispatchGroup()
        let statuses = Locked([Int32]())
        for signer in ["signer-valid-rsa", "signer-valid-ec"] {
            let cert = certPath(signer)
            DispatchQueue.global().async(group: group) {
                let r = try? CLI.run(["signers", "request", "--cui", Fixture.cui, "--cert", cert, "--cnp", Fixture.cnp,
                                      "--nume", signer, "--email", "a@b.ro", "--rol", "REPREZENTANT_LEGAL"], env: env)
                statuses.update { $0.append(r?.status ?? -1) }
            }
        }
        group.wait()
        XCTAssertEqual(statuses.current, [0, 0])
        XCTAssertEqual(try database.count("""
            SELECT count(*) FROM signer_versions WHERE cui = $1 AND valid_to IS NULL AND rol = 'REPREZENTANT_LEGAL' AND stare = 'ACTIV'
            """, [Fixture.cui]), 1)
        XCTAssertEqual(try database.count("SELECT count(*) FROM signer_versions WHERE cui = $1 AND valid_to IS NULL AND stare = 'ACTIV'",
                                          [Fixture.cui]), 2, "the first one is now a user who can still sign")
    }

    // MARK: - the .p7s read under the document's rules (05-cli.md)

    /// A `.p7s` that is a link is F04 and its target is never read: here the target is a
    /// genuine signature of the very file, which would pass if it were followed.
    func testASignatureThatIsALinkIsF04EvenToAGoodSignature() throws {
        try enrol("signer-valid-rsa")
        let f = try signed("a.xml", signer: "signer-valid-rsa")
        let elsewhere = folder.appendingPathComponent("elsewhere.p7s")
        try FileManager.default.moveItem(atPath: f.path + ".p7s", toPath: elsewhere.path)
        try FileManager.default.createSymbolicLink(atPath: f.path + ".p7s", withDestinationPath: elsewhere.path)
        let o = try outcome()
        XCTAssertEqual(o.status, .respins)
        XCTAssertEqual(codes(o), ["F04"])
        XCTAssertTrue(o.errors.first?.message.contains("a.xml.p7s este o legătură simbolică; nu a fost citit") ?? false, "\(o.errors)")
        // The link travels with its file as a link, and what it named is where it was.
        let moved = folder.appendingPathComponent("carantina/2026-10/a.xml.p7s").path
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: moved), elsewhere.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.path))
    }

    /// A folder named like a signature, and a signature over `max_signature_mb`: F04 unread.
    func testASignatureThatIsAFolderOrTooLargeIsF04() throws {
        try enrol("signer-valid-rsa")
        try drop([("d.xml", Fixture.document())])
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("d.xml.p7s"), withIntermediateDirectories: false)
        let d = try outcome()
        XCTAssertEqual(codes(d), ["F04"])
        XCTAssertTrue(d.errors.first?.message.contains("d.xml.p7s este un dosar") ?? false, "\(d.errors)")

        let f = try signed("a.xml", signer: "signer-valid-rsa", document: Fixture.document(certificates: Fixture.certs(1, from: 4404000)))
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: f.path + ".p7s")[.size] as? Int)
        var small = signedSettings()
        small.maxSignatureBytes = size - 1
        let o = try XCTUnwrap(try ingest(at: received, settings: small).outcomes.first)
        XCTAssertEqual(codes(o), ["F04"])
        XCTAssertTrue(o.errors.first.map { $0.message.contains("peste limita") && $0.message.contains("max_signature_mb") } ?? false, "\(o.errors)")
        // A signature exactly at the limit is read and passes.
        let b = try signed("b.xml", signer: "signer-valid-rsa", document: Fixture.document(certificates: Fixture.certs(1, from: 4404100)))
        small.maxSignatureBytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: b.path + ".p7s")[.size] as? Int)
        let passed = try XCTUnwrap(try ingest(at: received, settings: small).outcomes.first)
        XCTAssertEqual(codes(passed), [], "\(passed.errors)")
    }

    /// `max_signature_mb` in the configuration file: default 1 MB, a fraction allowed, nonsense refused.
    func testMaxSignatureMBComesFromTheConfigurationFile() throws {
        let config = folder.appendingPathComponent("ccm.toml")
        var o = Settings.Options()
        o.config = config.path
        try Data("casa = \"TM\"\n".utf8).write(to: config)
        XCTAssertEqual(try Settings.resolve(o, environment: [:]).maxSignatureBytes, 1 << 20)
        try Data("max_signature_mb = 0.5\n".utf8).write(to: config)
        XCTAssertEqual(try Settings.resolve(o, environment: [:]).maxSignatureBytes, 512 << 10)
        for bad in ["0", "-1", "mult", "4096"] {
            try Data("max_signature_mb = \(bad)\n".utf8).write(to: config)
            XCTAssertThrowsError(try Settings.resolve(o, environment: [:]), bad)
        }
    }
}
