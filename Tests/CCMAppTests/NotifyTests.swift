import CCMCore
@testable import CCMPublishing
@testable import CCMRuntime
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// Error reports delivered to a real SMTP server on loopback (Debian's python3-aiosmtpd),
/// read back from its mailbox.
final class NotifyTests: DatabaseTestCase {
    var server: pid_t = 0
    var port: Int = 0
    var maildir: URL { folder.appendingPathComponent("maildir") }
    let luna = YearMonth("2026-10")!
    let now = ISO8601DateFormatter().date(from: "2026-11-15T08:00:00+02:00")!

    override func tearDown() { stopServer(); super.tearDown() }

    /// A server that refuses every recipient (550), as one that does not know the mailbox.
    static let refusing = """
        import sys
        from aiosmtpd.main import main
        class Refuse:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                return "550 5.1.1 mailbox unavailable"
        main(sys.argv[1:])
        """

    func startServer(refusingRecipients: Bool = false) throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? Subprocess.run(python, ["-c", "import aiosmtpd"]))?.status == 0 else {
            return XCTFail("python3-aiosmtpd is needed (bash scripts/setup.sh python3-aiosmtpd)")
        }
        if port == 0 { port = 20000 + Int.random(in: 0..<20000) }
        let box: String = maildir.path
        let handler = refusingRecipients ? ["__main__.Refuse"] : ["aiosmtpd.handlers.Mailbox", box]
        let args: [String] = [python] + (refusingRecipients ? ["-c", Self.refusing] : ["-m", "aiosmtpd"])
            + ["-n", "-l", "127.0.0.1:\(port)", "-c"] + handler
        let argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        XCTAssertEqual(posix_spawn(&server, python, &actions, nil, argv, environ), 0)
        posix_spawn_file_actions_destroy(&actions)
        for _ in 0..<100 {   // until it listens (at most 10 s)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET); addr.sin_port = in_port_t(UInt16(port).bigEndian); addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
            close(fd)
            if ok { return }
            usleep(100_000)
        }
        XCTFail("the SMTP server did not start")
    }

    func stopServer() {
        guard server > 0 else { return }
        kill(server, SIGTERM)
        var status: Int32 = 0
        waitpid(server, &status, 0)
        server = 0
    }

    func delivered() -> [String] {
        let dir = maildir.appendingPathComponent("new")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().compactMap {
            try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)
        }
    }

    func sender() throws -> Notifier.Mode { .send(SMTPSender(url: "smtp://127.0.0.1:\(port)"), from: try Mailbox("raportari@cas-tm.ro")) }

    /// A provider with an error, one with a refused file, one silent after the deadline, one fine.
    func month() throws {
        try registerProvider(email: "cabinet@exemplu.ro")
        try registerProvider(Fixture.otherCui, email: "altul@exemplu.ro")
        try registerProvider("18547290", email: "tacut@exemplu.ro")
        try registerProvider("24455720", email: "bun@exemplu.ro")
        var bad = Fixture.Cert(); bad.numar = "4400100"; bad.cnp = "1850512350012"
        try drop([("1.xml", Fixture.document(certificates: [bad, Fixture.certs(1, from: 4400101)[0]])),
                  ("2.xml", Fixture.document(cui: Fixture.otherCui, totals: (9, 9))),
                  ("3.xml", Fixture.document(cui: "24455720", certificates: Fixture.certs(1, from: 4400300)))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
    }

    func testEachReportIsDeliveredOnceAsTheExpectedMIME() throws {
        try month()
        try startServer()
        let first = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(first, .init(sent: 3, alreadySent: 0, failed: 0, written: 0, noAddress: 0))
        let mails = delivered()
        XCTAssertEqual(mails.count, 3)
        let toError = try XCTUnwrap(mails.first { $0.contains("To: cabinet@exemplu.ro") })
        XCTAssertTrue(toError.contains("Subject: =?UTF-8?B?"), "the subject has diacritics: encoded")
        XCTAssertTrue(toError.contains("Content-Type: multipart/mixed"))
        XCTAssertTrue(toError.contains("Content-Type: multipart/alternative"))
        XCTAssertTrue(toError.contains("Content-Type: text/plain; charset=UTF-8"))
        XCTAssertTrue(toError.contains("Content-Type: text/html; charset=UTF-8"))
        XCTAssertTrue(toError.contains("filename=\"erori-\(Fixture.cui)-2026-10.csv\""))
        XCTAssertTrue(toError.contains("From: =?UTF-8?B?"), "the sender's name has a diacritic: encoded")
        let decoded = DecodedMail(toError)
        XCTAssertEqual(decoded.from, "CAS Timiș <raportari@cas-tm.ro>")
        XCTAssertTrue(toError.contains("\nReturn-Path: <raportari@cas-tm.ro>") || toError.contains("X-MailFrom: raportari@cas-tm.ro"),
                      "the envelope sender is --from's mailbox alone")
        XCTAssertTrue(decoded.text.contains("CCMAM 4400100: C01 CNP asigurat invalid: 1***********2"), decoded.text)
        XCTAssertTrue(decoded.html.contains("CCMAM 4400100") && decoded.html.contains("C01 CNP asigurat invalid: 1***********2"), decoded.html)
        XCTAssertTrue(decoded.text.contains("rectificativă"))
        for part in decoded.readable { XCTAssertNil(part.range(of: "[0-9]{13}", options: .regularExpression), "a CNP in the message") }
        XCTAssertTrue(decoded.subject.hasPrefix("CAS Timiș – ") && decoded.subject.contains("CU ERORI") && decoded.subject.contains("octombrie 2026"),
                      decoded.subject)
        XCTAssertTrue(DecodedMail(try XCTUnwrap(mails.first { $0.contains("To: altul@exemplu.ro") })).text.contains("F08"))
        XCTAssertTrue(DecodedMail(try XCTUnwrap(mails.first { $0.contains("To: tacut@exemplu.ro") })).subject.contains("FĂRĂ RAPORTARE"))

        let second = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(second, .init(sent: 0, alreadySent: 3, failed: 0, written: 0, noAddress: 0))
        XCTAssertEqual(delivered().count, 3, "a rerun sends nothing new")

        // The errors change (the bad certificate is fixed by a rectificative): a new report goes out.
        var fixed = Fixture.Cert(); fixed.numar = "4400100"; fixed.cnp = Fixture.cnp(serial: 40); fixed.operatie = "MODIFICARE"
        try drop([("r.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [fixed]))])
        _ = try ingest(at: "2026-11-14T10:00:00+02:00")
        let third = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(third.sent + third.alreadySent, 2, "the provider is VALIDAT now: no report for it")
        XCTAssertEqual(delivered().count, 3)
    }

    /// What the store compares is the digest of the facts (case, certificates and codes, refused
    /// files and codes), not of the text: a new wording, a sender name or a contact line for the
    /// same facts sends nothing again; a new fact does.
    func testNewWordingForTheSameFactsIsNotSentAgain() throws {
        try month()
        try startServer()
        XCTAssertEqual(try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now).sent, 3)
        var reworded = settings()
        reworded.contact = "tel. 0256 490 000"
        reworded.mailFromName = "Raportări CCM"
        let later = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-12-02T08:00:00+02:00"))   // past the rectificatives' day too
        let again = try Notifier.run(db: db, settings: reworded, luna: luna, mode: try sender(), now: later)
        XCTAssertEqual(again, .init(sent: 0, alreadySent: 3, failed: 0, written: 0, noAddress: 0))
        XCTAssertEqual(delivered().count, 3)

        // A new fact: the registered provider's rectificative is refused (F12, operatie missing).
        try drop([("r.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: Fixture.certs(1, from: 4400101)))])
        _ = try ingest(at: "2026-11-14T10:00:00+02:00")
        let third = try Notifier.run(db: db, settings: reworded, luna: luna, mode: try sender(), now: later)
        XCTAssertEqual(third.sent, 1)
        let mail = try XCTUnwrap(delivered().map(DecodedMail.init).first { $0.text.contains("r.xml") })
        XCTAssertTrue(mail.text.contains("r.xml, primit la 14.11.2026 10:00, tip=\"RECTIFICATIVA\""), mail.text)
        XCTAssertEqual(mail.from, "Raportări CCM <raportari@cas-tm.ro>")
    }

    func testNothingIsLostWhenTheServerIsDown() throws {
        try month()
        port = 20000 + Int.random(in: 0..<20000)   // nothing listens there yet
        let down = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(down.failed, 3)
        XCTAssertEqual(down.undelivered.count, 3)
        // One connection tried: the others would only wait for the same timeout.
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'ESUAT'"), 1)
        XCTAssertEqual(down.undelivered.filter { $0.reason.hasPrefix("neîncercat: serverul SMTP 127.0.0.1:\(port) nu răspunde") }.count, 2,
                       "\(down.undelivered)")
        try startServer()
        let up = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(up.sent, 3)
        XCTAssertEqual(delivered().count, 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'TRIMIS' AND attempts = 2"), 1)
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'TRIMIS' AND attempts = 1"), 2)
    }

    func testDryRunWritesEmlFilesAndRecordsNothing() throws {
        try month()
        let dir = folder.appendingPathComponent("eml")
        let s = try Notifier.run(db: db, settings: settings(), luna: luna, mode: .dryRun(dir), now: now)
        XCTAssertEqual(s.written, 3)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".eml") }.count, 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications"), 0)
    }

    /// The messages name the insured (CNP masked) and the errors: a dry run's folder is 0700 and
    /// its files 0600, even under umask 000.
    func testDryRunFilesAreTheOwnersOnlyWhateverTheUmask() throws {
        try month()
        let dir = folder.appendingPathComponent("eml/2026-10")
        let old = umask(0)
        defer { umask(old) }
        XCTAssertEqual(try Notifier.run(db: db, settings: settings(), luna: luna, mode: .dryRun(dir), now: now).written, 3)
        var st = stat()
        for d in [dir, dir.deletingLastPathComponent()] {
            XCTAssertEqual(stat(d.path, &st), 0)
            XCTAssertEqual(String(st.st_mode & 0o777, radix: 8), "700", d.path)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            XCTAssertTrue(name.hasSuffix(".eml"), "only the messages: \(name)")
            XCTAssertEqual(stat(dir.appendingPathComponent(name).path, &st), 0)
            XCTAssertEqual(String(st.st_mode & 0o777, radix: 8), "600", name)
        }
    }

    /// A registry (or document) address with a line break or a second address reaches neither a
    /// header nor an RCPT: what the server received is one message to the one good address.
    func testAHostileAddressIsNeverAHeaderOrARecipientAndIsReportedEveryRun() throws {
        try month()
        // Written straight into the database, as an import before the check would have left them.
        try db.exec("UPDATE providers SET email = $1 WHERE cui = $2", ["victim@exemplu.ro\r\nBcc: attacker@evil.example", Fixture.cui])
        try db.exec("UPDATE providers SET email = $1 WHERE cui = $2", ["altul@exemplu.ro,attacker@evil.example", Fixture.otherCui])
        try startServer()
        let first = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(first.sent, 1)
        XCTAssertEqual(first.failed, 2)
        XCTAssertEqual(first.undelivered.map(\.cui), [Fixture.cui, Fixture.otherCui])
        XCTAssertTrue(first.undelivered[0].reason.contains("sfârșit de rând"), first.undelivered[0].reason)
        XCTAssertTrue(first.undelivered[1].reason.contains("o singură adresă"), first.undelivered[1].reason)
        let mails = delivered()
        XCTAssertEqual(mails.count, 1)
        for mail in mails {
            XCTAssertFalse(mail.contains("evil.example"), mail)
            XCTAssertFalse(mail.lowercased().contains("\nbcc:"), mail)
            XCTAssertTrue(mail.contains("X-RcptTo: tacut@exemplu.ro\n") || mail.contains("X-RcptTo: tacut@exemplu.ro\r\n"), mail)
        }
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'ESUAT' AND attempts = 1"), 2)

        // Not retried silently: the next run reports them again, and still sends nothing to them.
        let second = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(second.alreadySent, 1)
        XCTAssertEqual(second.undelivered.map(\.cui), [Fixture.cui, Fixture.otherCui])
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'ESUAT' AND attempts = 2"), 2)
        XCTAssertEqual(delivered().count, 1)

        // A dry run writes no .eml with such a To either.
        let dir = folder.appendingPathComponent("eml")
        let dry = try Notifier.run(db: db, settings: settings(), luna: luna, mode: .dryRun(dir), now: now)
        XCTAssertEqual(dry.written, 1)
        XCTAssertEqual(dry.undelivered.count, 2)
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            XCTAssertFalse(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).contains("evil.example"))
        }
    }

    /// The document's address, used when the registry has none, is checked the same way.
    func testAHostileDocumentAddressIsNotUsed() throws {
        try month()
        try db.exec("UPDATE providers SET email = NULL WHERE cui = $1", [Fixture.cui])
        try db.exec("UPDATE documents SET email = $1 WHERE cui = $2", ["evil.example>,<victim@exemplu.ro", Fixture.cui])
        try startServer()
        let s = try Notifier.run(db: db, settings: settings(), luna: luna, mode: try sender(), now: now)
        XCTAssertEqual(s.sent, 2)
        XCTAssertEqual(s.undelivered.map(\.cui), [Fixture.cui])
        XCTAssertTrue(s.undelivered[0].reason.contains("ultima raportare"), s.undelivered[0].reason)
        XCTAssertEqual(delivered().count, 2)
        XCTAssertFalse(delivered().contains { $0.contains("evil.example") })
    }

    var cliEnv: [String: String] { ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"] }

    /// `ccm notify` exits 3 and its last line names the providers by CUI and says why.
    func testNotifyExitsThreeNamingTheProvidersAndWhy() throws {
        try month()
        try db.exec("UPDATE providers SET email = $1 WHERE cui = $2", ["victim@exemplu.ro\r\nBcc: attacker@evil.example", Fixture.cui])
        try startServer()
        let smtp = ["--smtp", "smtp://127.0.0.1:\(port)", "--from", "raportari@cas-tm.ro"]
        let r = try CLI.run(["notify", "--luna", "2026-10"] + smtp, env: cliEnv)
        XCTAssertEqual(r.status, 3, r.stderr)
        let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.contains(Fixture.cui) && last.contains("sfârșit de rând") && last.contains("rularea următoare"), last)
        XCTAssertFalse(last.contains("CMI Dr."), "providers are named by CUI")
        XCTAssertFalse(r.stderr.contains("evil.example"), r.stderr)
        XCTAssertEqual(delivered().count, 2)

        // The server down: every report stays, exit 3, the last line says so.
        stopServer()
        try db.exec("UPDATE providers SET email = 'cabinet@exemplu.ro' WHERE cui = $1", [Fixture.cui])
        let down = try CLI.run(["notify", "--luna", "2026-10"] + smtp, env: cliEnv)
        XCTAssertEqual(down.status, 3, down.stderr)
        let downLast = down.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(downLast.contains(Fixture.cui) && downLast.contains("nu răspunde"), downLast)
        XCTAssertTrue(downLast.contains("127.0.0.1:\(port)"), "the last line names the server: \(downLast)")
        XCTAssertEqual(down.stderr.components(separatedBy: "raportul de erori nu a fost trimis").count - 1, 1,
                       "one failed delivery logged, not one per provider: \(down.stderr)")

        // The server refuses the recipient: exit 3, the last line says the server refused it.
        try startServer(refusingRecipients: true)
        let refused = try CLI.run(["notify", "--luna", "2026-10"] + smtp, env: cliEnv)
        XCTAssertEqual(refused.status, 3, refused.stderr)
        let refusedLast = refused.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(refusedLast.contains(Fixture.cui) && refusedLast.contains("a refuzat mesajul") && refusedLast.contains("550"), refusedLast)
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'TRIMIS'"), 2, "nothing lost, nothing marked sent")
        stopServer()

        // A sender address that is not one mailbox is a configuration error.
        let badFrom = try CLI.run(["notify", "--luna", "2026-10", "--smtp", "smtp://127.0.0.1:\(port)",
                                   "--from", "raportari@cas-tm.ro\r\nBcc: attacker@evil.example"], env: cliEnv)
        XCTAssertEqual(badFrom.status, 1, badFrom.stderr)
        XCTAssertTrue(badFrom.stderr.contains("--from"), badFrom.stderr)
    }

    /// `ccm nightly` exits 3 as well when a report could not be delivered.
    func testNightlyExitsThreeWhenAReportIsNotDelivered() throws {
        // nightly notifies the open months of the real clock: a file refused in last month.
        let open = try XCTUnwrap(Revalidation.openMonths().last)
        try registerProvider(Fixture.otherCui, email: "altul@exemplu.ro,attacker@evil.example")
        try drop([("2.xml", Fixture.document(luna: open.description, cui: Fixture.otherCui, totals: (9, 9)))])
        let f = ISO8601DateFormatter()
        _ = try ingest(at: f.string(from: Date().addingTimeInterval(-60)))
        try startServer()
        let empty = folder.appendingPathComponent("gol")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let r = try CLI.run(["nightly", "--signatures", "off", "--inbox", empty.path, "--publish", folder.appendingPathComponent("pub").path,
                             "--smtp", "smtp://127.0.0.1:\(port)", "--from", "raportari@cas-tm.ro"], env: cliEnv)
        XCTAssertEqual(r.status, 3, r.stderr)
        let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.contains(Fixture.otherCui) && last.contains(open.description), last)
        XCTAssertFalse(delivered().contains { $0.contains("evil.example") })
    }
}
