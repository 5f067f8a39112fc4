import CCMCore
import CCMFormats
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// The e-mail each provider gets is written for its case (`04-outputs.md` §2), read back from a
/// dry run's `.eml` files as the provider's mail client would decode them.
final class ErrorReportCaseTests: DatabaseTestCase {
    let luna = YearMonth("2026-10")!
    let now = ISO8601DateFormatter().date(from: "2026-11-15T08:00:00+02:00")!
    let refusedInitial = Fixture.otherCui, silent = "18547290", validAfterRefusal = "24455720"
    let refusedRectificative = "57291663", threeErrors = "73809245"

    /// A certificate whose CNP fails its control digit (C01), for an insured of its own.
    func badCNP(_ numar: Int) -> Fixture.Cert {
        var c = Fixture.certs(1, from: numar)[0]
        let last = c.cnp.last.flatMap { $0.wholeNumberValue } ?? 0
        c.cnp = String(c.cnp.dropLast()) + String((last + 1) % 10)
        return c
    }

    /// One provider per case, and two whose refusal was superseded by a later registered report.
    func month() throws {
        for (cui, email) in [(Fixture.cui, "cabinet@exemplu.ro"), (refusedInitial, "respins@exemplu.ro"), (silent, "tacut@exemplu.ro"),
                             (validAfterRefusal, "bun@exemplu.ro"), (refusedRectificative, "rectificativa@exemplu.ro"),
                             (threeErrors, "trei@exemplu.ro")] {
            try registerProvider(cui, email: email)
        }
        var withDiagnosisError = Fixture.certs(1, from: 4400402)[0]; withDiagnosisError.diagnostic = "I53"
        var added = Fixture.certs(1, from: 4400500)[0]; added.operatie = "ADAUGARE"
        try drop([
            // Refused, then registered with one error: CU ERORI, the refusal superseded.
            ("a1.xml", Fixture.document(certificates: Fixture.certs(1, from: 4400100), totals: (9, 9))),
            ("a2.xml", Fixture.document(certificates: [badCNP(4400100), Fixture.certs(1, from: 4400101)[0]])),
            // Refused twice, never registered: an INITIALA with wrong totals, then a RECTIFICATIVA (F11).
            ("b1<i>&.xml", Fixture.document(cui: refusedInitial, certificates: Fixture.certs(1, from: 4400200), totals: (9, 9))),
            ("b2.xml", Fixture.document(tip: "RECTIFICATIVA", cui: refusedInitial, certificates: [added])),
            // Refused, then registered without errors: VALIDAT, nothing to say.
            ("d1.xml", Fixture.document(cui: validAfterRefusal, certificates: Fixture.certs(1, from: 4400300), totals: (9, 9))),
            ("d2.xml", Fixture.document(cui: validAfterRefusal, certificates: Fixture.certs(1, from: 4400300))),
            ("e1.xml", Fixture.document(cui: refusedRectificative, certificates: Fixture.certs(1, from: 4400350))),
            ("f1.xml", Fixture.document(cui: threeErrors, certificates: [badCNP(4400400), badCNP(4400401), withDiagnosisError])),
        ])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
        // After its registration, a rectificative without operatie (F12): refused, the registered data stands.
        try drop([("e2.xml", Fixture.document(tip: "RECTIFICATIVA", cui: refusedRectificative, certificates: Fixture.certs(1, from: 4400350)))])
        _ = try ingest(at: "2026-11-13T09:00:00+02:00")
    }

    func dryRun(_ s: Settings? = nil) throws -> [String: DecodedMail] {
        let dir = folder.appendingPathComponent("eml-\(UUID().uuidString)")
        _ = try Notifier.run(db: db, settings: s ?? settings(), luna: luna, mode: .dryRun(dir), now: now)
        return try DecodedMail.folder(dir)
    }

    func testEachProviderIsToldWhatToDoForItsCase() throws {
        try month()
        let mails = try dryRun()
        XCTAssertEqual(Set(mails.keys), [Fixture.cui, refusedInitial, silent, refusedRectificative, threeErrors],
                       "a VALIDAT provider whose refusal was superseded gets no e-mail")

        // CU ERORI: its failing certificate, the rectificative and by when; not its superseded refusal.
        let errors = try XCTUnwrap(mails[Fixture.cui])
        XCTAssertTrue(errors.text.contains("înregistrată, dar 1 certificat are erori:"), errors.text)
        XCTAssertTrue(errors.text.contains("  CCMAM 4400100: C01 CNP asigurat invalid: 1***********"), errors.text)
        XCTAssertTrue(errors.text.contains("raportare rectificativă (tip=\"RECTIFICATIVA\") pentru luna octombrie 2026"), errors.text)
        XCTAssertTrue(errors.text.contains("până la 30.11.2026"), errors.text)
        for word in ["a1.xml", "F08", "fișier", "F11", "tip=\"INITIALA\""] { XCTAssertFalse(errors.text.contains(word), "\(word): \(errors.text)") }
        XCTAssertEqual(errors.subject, "CAS Timiș – concedii medicale, luna octombrie 2026: CU ERORI (1 certificat)")

        // Refused initial report: each refused file with its receipt and reasons; the INITIALA again, not a rectificative.
        let refused = try XCTUnwrap(mails[refusedInitial])
        XCTAssertTrue(refused.text.contains("nu este înregistrată: cele 2 fișiere primite au fost respinse:"), refused.text)
        XCTAssertTrue(refused.text.contains("  b1<i>&.xml, primit la 10.11.2026 10:00, tip=\"INITIALA\":\n    F08 "), refused.text)
        XCTAssertTrue(refused.text.contains("  b2.xml, primit la 10.11.2026 10:00, tip=\"RECTIFICATIVA\":\n    F11 "), refused.text)
        XCTAssertTrue(refused.text.contains("transmiteți din nou raportarea inițială (tip=\"INITIALA\")"), refused.text)
        XCTAssertTrue(refused.text.contains("Nu trimiteți o raportare rectificativă: fără o raportare inițială înregistrată, ar fi respinsă (F11)."))
        XCTAssertTrue(refused.text.contains("fără atributul operatie"), "the refused rectificative's certificates go in the initial report")
        XCTAssertTrue(refused.text.contains("Termenul legal a fost 12.11.2026"), refused.text)
        XCTAssertFalse(refused.text.contains("(tip=\"RECTIFICATIVA\")"), "no advice to send a rectificative")
        XCTAssertEqual(refused.subject, "CAS Timiș – concedii medicale, luna octombrie 2026: FĂRĂ RAPORTARE (raportare respinsă)")

        // No report after the deadline: none received by then, and what to send.
        let none = try XCTUnwrap(mails[silent])
        XCTAssertTrue(none.text.contains("Până la termenul legal, 12.11.2026, nu am primit nicio raportare"), none.text)
        XCTAssertTrue(none.text.contains("transmiteți cât mai curând raportarea inițială (tip=\"INITIALA\") pentru luna octombrie 2026"), none.text)
        XCTAssertTrue(none.text.contains("ar fi respinsă (F11)"), none.text)
        XCTAssertEqual(none.subject, "CAS Timiș – concedii medicale, luna octombrie 2026: FĂRĂ RAPORTARE (nicio raportare primită)")
        XCTAssertTrue(none.attachments.isEmpty, "no errors: no empty CSV")
        XCTAssertFalse(none.text.contains("CSV"), none.text)

        // A rectificative refused after the registration: its reasons, and the registered data stands.
        let later = try XCTUnwrap(mails[refusedRectificative])
        XCTAssertTrue(later.text.contains("este înregistrată și validată"), later.text)
        XCTAssertTrue(later.text.contains("După ultima raportare înregistrată, un fișier a fost respins:\n\n  e2.xml, primit la 13.11.2026 09:00, tip=\"RECTIFICATIVA\":\n    F12 "),
                      later.text)
        XCTAssertTrue(later.text.contains("datele înregistrate rămân valabile până la primirea unei rectificative corecte"), later.text)
        XCTAssertFalse(later.text.contains("e1.xml"), later.text)
        XCTAssertEqual(later.subject, "CAS Timiș – concedii medicale, luna octombrie 2026: VALIDAT (1 fișier respins)")

        let three = try XCTUnwrap(mails[threeErrors])
        XCTAssertTrue(three.text.contains("înregistrată, dar 3 certificate au erori:"), three.text)
        XCTAssertTrue(three.text.contains("corectați certificatele și transmiteți"), three.text)
        XCTAssertTrue(three.subject.hasSuffix("CU ERORI (3 certificate)"), three.subject)
    }

    /// Nothing personal beyond the masked CNP: no insured's or doctor's name, no diagnosis, no
    /// whole CNP, in any part; the document's values are escaped in the HTML part.
    func testNoPersonalDataAndEveryValueEscaped() throws {
        try month()
        _ = try RegistryStore(db).upsert([Provider(cui: refusedInitial, denumire: "Clinica <script>alert(1)</script> & Fiii", casa: "TM",
                                                   nrConventie: "CV-2", conventieDeLa: LocalDate("2025-01-01")!, conventiePanaLa: nil,
                                                   email: "respins@exemplu.ro", tip: .mf)], at: Fixture.registryDate)
        // A reason whose operator text names a person, as F06's does: the provider reads the public text.
        try db.exec("""
            UPDATE document_reasons SET message = message || ' (semnatar Vasilescu Ion)', public_message = message
            WHERE document_id = (SELECT id FROM documents WHERE file_name = 'b2.xml')
            """)
        let mails = try dryRun()
        for (cui, mail) in mails {
            for part in mail.readable {
                XCTAssertNil(part.range(of: "[0-9]{13}", options: .regularExpression), "\(cui): a whole CNP")
                for personal in ["Ionescu", "Ștefan", "Popescu", "Vasilescu", "I53", "J06"] {
                    XCTAssertFalse(part.contains(personal), "\(cui): \(personal) in \(part)")
                }
            }
        }
        let three = try XCTUnwrap(mails[threeErrors])
        XCTAssertTrue(three.text.contains("C11 Cod de diagnostic inexistent"), three.text)
        let refused = try XCTUnwrap(mails[refusedInitial])
        XCTAssertTrue(refused.text.contains("Clinica <script>alert(1)</script> & Fiii"), "the text part says it as it is")
        XCTAssertFalse(refused.html.contains("<script>"), refused.html)
        XCTAssertFalse(refused.html.contains("<i>"), refused.html)
        XCTAssertTrue(refused.html.contains("Clinica &lt;script&gt;alert(1)&lt;/script&gt; &amp; Fiii"), refused.html)
        XCTAssertTrue(refused.html.contains("b1&lt;i&gt;&amp;.xml, primit la 10.11.2026 10:00, tip=&quot;INITIALA&quot;"), refused.html)
    }

    /// The HTML alternative says everything the text does: every word of the text part is in
    /// the HTML part once its tags are dropped and its escapes read.
    func testTheHTMLPartCarriesEverythingTheTextPartDoes() throws {
        try month()
        var s = settings()
        s.contact = "tel. 0256 490 000, raportari@cas-tm.ro"
        for (cui, mail) in try dryRun(s) {
            let unescaped = mail.html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            let words = { (t: String) in Set(t.components(separatedBy: .whitespacesAndNewlines).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":;")) }.filter { !$0.isEmpty }) }
            let missing = words(mail.text).subtracting(words(unescaped))
            XCTAssertTrue(missing.isEmpty, "\(cui): the HTML part lacks \(missing.sorted())")
            XCTAssertTrue(mail.html.contains("tel. 0256 490 000, raportari@cas-tm.ro"), "\(cui): the contact")
        }
    }

    /// The sender has the house's name, encoded; the configured one wins; the address is `--from`'s.
    /// The contact line is in both parts when configured, and nowhere when not.
    func testSenderNameAndContactLine() throws {
        try month()
        var s = settings()
        s.mailFrom = "raportari@cas-tm.ro"
        let plain = try XCTUnwrap(try dryRun(s)[Fixture.cui])
        XCTAssertEqual(plain.from, "CAS Timiș <raportari@cas-tm.ro>")
        XCTAssertFalse(plain.text.contains("întrebări") || plain.html.contains("întrebări"), "no contact configured: no contact line")
        XCTAssertTrue(plain.text.hasSuffix("Cu stimă,\nCasa de Asigurări de Sănătate Timiș\n"), plain.text)

        s.mailFromName = "Raportari \"CCM\" CAS TM"
        s.contact = "tel. 0256 490 000 (interior 506), raportari@cas-tm.ro"
        let dir = folder.appendingPathComponent("eml-named")
        _ = try Notifier.run(db: db, settings: s, luna: luna, mode: .dryRun(dir), now: now)
        let raw = try String(contentsOf: dir.appendingPathComponent("\(Fixture.cui)-2026-10.eml"), encoding: .utf8)
        XCTAssertTrue(raw.contains("From: \"Raportari \\\"CCM\\\" CAS TM\" <raportari@cas-tm.ro>\r\n"), raw)
        let named = DecodedMail(raw)
        XCTAssertTrue(named.text.contains("\nPentru întrebări: tel. 0256 490 000 (interior 506), raportari@cas-tm.ro\n"), named.text)
        XCTAssertTrue(named.html.contains("<p>Pentru întrebări: tel. 0256 490 000 (interior 506), raportari@cas-tm.ro</p>"), named.html)
    }

    /// The attachment: the certificates' errors, then each refused file's reasons naming the file and its receipt.
    func testTheAttachmentNamesTheRefusedFile() throws {
        try month()
        let mails = try dryRun()
        let csv = try XCTUnwrap(mails[refusedInitial]?.attachments["erori-\(refusedInitial)-2026-10.csv"])
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}Serie;"), "UTF-8 with a byte-order mark")
        let records = try CSVRecords.parse(csv, separator: ";")
        XCTAssertEqual(records.first?.fields, ["Serie", "Număr", "Fișier", "Primit la", "Cod", "Mesaj", "Linia", "Coloana"])
        XCTAssertEqual(records.dropFirst().map { Array($0.fields.prefix(5)) },
                       [["", "", "b1<i>&.xml", "10.11.2026 10:00", "F08"], ["", "", "b2.xml", "10.11.2026 10:00", "F11"]])
        let errors = try XCTUnwrap(mails[Fixture.cui]?.attachments["erori-\(Fixture.cui)-2026-10.csv"])
        XCTAssertEqual(try CSVRecords.parse(errors, separator: ";").dropFirst().map { Array($0.fields.prefix(5)) },
                       [["CCMAM", "4400100", "", "", "C01"]])
    }

    /// A provider whose only file was a rectificative (SampleData's 50752239) never sent an initial
    /// report: it is asked to send one, not to send it "again"; a reason's line goes where it reads well.
    /// Which limit C14 found exceeded is the provider's to read (by e-mail), not the public's.
    func testTheProviderReadsTheLimitThePublicTableLeavesOut() throws {
        try registerProvider(email: "cabinet@exemplu.ro")
        var long = Fixture.certs(1, from: 4400600)[0]; long.sfarsit = "2026-10-25"; long.zile = 20
        try drop([("c14.xml", Fixture.document(certificates: [long]))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
        let table = try App.centralizer(db, settings: settings(), luna: luna, asOf: now)
        let publicLine = try XCTUnwrap(table.rows.first { $0.cui == Fixture.cui }?.errorDescription.first)
        XCTAssertEqual(publicLine, "CCMAM 4400600: C14 Durata depășește limita permisă (Set 2024)")
        let mail = try XCTUnwrap(try dryRun()[Fixture.cui])
        XCTAssertTrue(mail.text.contains("CCMAM 4400600: C14 Durata depășește limita: certificat inițial, medic de familie: 20 zile, maxim"), mail.text)
    }

    func testOnlyARefusedRectificative() throws {
        let provider = Provider(cui: Fixture.cui, denumire: "Clinica", casa: "TM", nrConventie: "1", conventieDeLa: LocalDate("2025-01-01")!,
                                conventiePanaLa: nil, email: nil, tip: .mf)
        let report = ErrorReport(provider: provider, luna: luna, stage: .faraRaportare, errors: [],
                                 refusals: [.init(fileName: "R_1.xml", receivedAt: now, tip: "RECTIFICATIVA", reasons: [
                                     .init(code: "F11", message: "Nu există o raportare inițială pentru luna 2026-10"),
                                     .init(code: "F12", message: "Atributul operatie lipsește (certificatul CCMAM 1)", line: 87),
                                     .init(code: "F02", message: "Fișierul nu respectă schema: x (linia 9, coloana 4)", line: 9, column: 4),
                                     .init(code: "F04", message: "Semnătura", line: 3, column: 2)], superseded: false)],
                                 house: HealthInsuranceHouse(code: "TM", fullName: "Casa de Asigurări de Sănătate Timiș", shortName: "CAS Timiș"),
                                 now: try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-11-11T08:00:00+02:00")))
        XCTAssertTrue(report.text.contains("fișierul primit a fost respins:"), report.text)
        XCTAssertTrue(report.text.contains("Ce aveți de făcut: transmiteți raportarea inițială (tip=\"INITIALA\")"), report.text)
        XCTAssertFalse(report.text.contains("din nou"), report.text)
        XCTAssertTrue(report.text.contains("Termenul legal de raportare este 12.11.2026."), "before the deadline: \(report.text)")
        XCTAssertTrue(report.text.contains("    F12 Atributul operatie lipsește (certificatul CCMAM 1, linia 87)\n"), report.text)
        XCTAssertTrue(report.text.contains("    F02 Fișierul nu respectă schema: x (linia 9, coloana 4)\n"), "said once: \(report.text)")
        XCTAssertTrue(report.text.contains("    F04 Semnătura (linia 3, coloana 2)\n"), report.text)
    }

    /// Romanian counts: 1 takes the singular, 2–19 the plural, 20 and up "de" before the noun.
    func testRomanianCounts() {
        XCTAssertEqual(RomanianCount.of(1, "certificat", "certificate"), "1 certificat")
        XCTAssertEqual(RomanianCount.of(3, "certificat", "certificate"), "3 certificate")
        XCTAssertEqual(RomanianCount.of(19, "fișier respins", "fișiere respinse"), "19 fișiere respinse")
        XCTAssertEqual(RomanianCount.of(20, "certificat", "certificate"), "20 de certificate")
        XCTAssertEqual(RomanianCount.of(101, "certificat", "certificate"), "101 certificate")
        XCTAssertEqual(RomanianCount.of(100, "certificat", "certificate"), "100 de certificate")
        XCTAssertEqual(RomanianCount.pick(1, "are", "au") + " " + RomanianCount.pick(2, "are", "au"), "are au")
    }
}
