import CCMCore
import CCMStore
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

    func startServer() throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? Subprocess.run(python, ["-c", "import aiosmtpd"]))?.status == 0 else {
            return XCTFail("python3-aiosmtpd is needed (bash scripts/setup.sh python3-aiosmtpd)")
        }
        if port == 0 { port = 20000 + Int.random(in: 0..<20000) }
        let box: String = maildir.path
        let args: [String] = [python, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", box]
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

    func sender() -> Notifier.Mode { .send(SMTPSender(url: "smtp://127.0.0.1:\(port)"), from: "raportari@cas-tm.ro") }

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
        let first = try Notifier.run(db: db, settings: settings(), luna: luna, mode: sender(), now: now)
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
        let text = try decodedParts(toError)
        XCTAssertTrue(text.contains { $0.contains("CCMAM 4400100: C01 CNP asigurat invalid: 1***********2") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("rectificativă") })
        for part in text { XCTAssertNil(part.range(of: "[0-9]{13}", options: .regularExpression), "a CNP in the message") }
        let subject = try decodedSubject(toError)
        XCTAssertTrue(subject.contains("CU ERORI") && subject.contains("octombrie 2026"), subject)
        XCTAssertTrue(try decodedParts(try XCTUnwrap(mails.first { $0.contains("To: altul@exemplu.ro") })).contains { $0.contains("F08") })
        XCTAssertTrue(try decodedSubject(try XCTUnwrap(mails.first { $0.contains("To: tacut@exemplu.ro") })).contains("FĂRĂ RAPORTARE"))

        let second = try Notifier.run(db: db, settings: settings(), luna: luna, mode: sender(), now: now)
        XCTAssertEqual(second, .init(sent: 0, alreadySent: 3, failed: 0, written: 0, noAddress: 0))
        XCTAssertEqual(delivered().count, 3, "a rerun sends nothing new")

        // The errors change (the bad certificate is fixed by a rectificative): a new report goes out.
        var fixed = Fixture.Cert(); fixed.numar = "4400100"; fixed.cnp = Fixture.cnp(serial: 40); fixed.operatie = "MODIFICARE"
        try drop([("r.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [fixed]))])
        _ = try ingest(at: "2026-11-14T10:00:00+02:00")
        let third = try Notifier.run(db: db, settings: settings(), luna: luna, mode: sender(), now: now)
        XCTAssertEqual(third.sent + third.alreadySent, 2, "the provider is VALIDAT now: no report for it")
        XCTAssertEqual(delivered().count, 3)
    }

    func testNothingIsLostWhenTheServerIsDown() throws {
        try month()
        port = 20000 + Int.random(in: 0..<20000)   // nothing listens there yet
        let down = try Notifier.run(db: db, settings: settings(), luna: luna, mode: sender(), now: now)
        XCTAssertEqual(down.failed, 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'ESUAT'"), 3)
        try startServer()
        let up = try Notifier.run(db: db, settings: settings(), luna: luna, mode: sender(), now: now)
        XCTAssertEqual(up.sent, 3)
        XCTAssertEqual(delivered().count, 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM notifications WHERE status = 'TRIMIS' AND attempts = 2"), 3)
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

    /// The base64 parts of a message, decoded.
    func decodedParts(_ mail: String) throws -> [String] {
        let normalized = mail.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.components(separatedBy: "Content-Transfer-Encoding: base64\n").dropFirst().compactMap { chunk in
            let body = chunk.components(separatedBy: "\n--").first ?? ""
            return Data(base64Encoded: body.replacingOccurrences(of: "\n", with: ""), options: .ignoreUnknownCharacters)
                .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    func decodedSubject(_ mail: String) throws -> String {
        let lines = mail.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Subject: ") }) else { return "" }
        var words = [String(lines[start].dropFirst(9))]
        var i = start + 1
        while i < lines.count, lines[i].hasPrefix(" ") { words.append(lines[i].trimmingCharacters(in: .whitespaces)); i += 1 }
        return words.map { w -> String in
            guard w.hasPrefix("=?UTF-8?B?"), w.hasSuffix("?=") else { return w }
            return Data(base64Encoded: String(w.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) } ?? w
        }.joined()
    }
}
