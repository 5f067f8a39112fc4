@testable import CCMApp
import CCMCore
@testable import CCMPublishing
@testable import CCMRuntime
import CCMTestSupport
import Foundation
import XCTest

/// `centralizer --format html` (`04-outputs.md` §1): one self-contained, escaped, accessible page,
/// checked as text and then as the DOM a real browser (headless Chromium) builds from it.
final class CentralizerHTMLTests: XCTestCase {
    // MARK: - Fixture

    static let asOf = ISO8601DateFormatter().date(from: "2026-11-14T06:00:00Z")!  // 08:00 in Bucharest

    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func month(_ cui: String, _ name: String, initial: Bool, certificates: Int = 0, errors: [CertificateErrorLine] = [],
                      last: String? = nil, observations: [String] = []) -> ProviderMonth {
        let failing = Set(errors.map { "\($0.serie) \($0.numar)" }).count
        return ProviderMonth(provider: Provider(cui: cui, denumire: name, casa: "TM", nrConventie: "CV-\(cui.suffix(4))/2025",
                                                conventieDeLa: LocalDate("2025-01-01")!, conventiePanaLa: nil, email: nil, tip: .mf),
                             hasRegisteredInitial: initial, certificates: certificates, certificatesWithErrors: failing,
                             errors: errors, lastReport: last.map(at), observations: observations)
    }

    static let hostileName = "<script>alert(\"x\")</script> & Fiii SRL"

    /// A realistic month: every stage, Romanian diacritics, a hostile name, quotes, observations.
    static func centralizer() -> Centralizer {
        let months = [
            month("31001235", "CMI Dr. Popescu Ana", initial: true, certificates: 12, last: "2026-11-03T07:20:00Z"),
            month("42005674", "Cabinet Medical Ștefănescu Țiriac SRL", initial: true, certificates: 9,
                  errors: [CertificateErrorLine(serie: "CCMAM", numar: "4400123", code: "C05",
                                                message: "data începerii concediului este ulterioară datei acordării"),
                           CertificateErrorLine(serie: "CCMAM", numar: "4400123", code: "C19",
                                                message: "perioadă suprapusă cu certificatul CCMAM 4400100"),
                           CertificateErrorLine(serie: "CCMAM", numar: "4400131", code: "C11",
                                                message: "codul de indemnizație „08” nu se acordă pentru diagnosticul raportat")],
                  last: "2026-11-07T12:05:00Z", observations: ["Raportare tardivă: primită la 07.11.2026, după termenul din 05.11.2026."]),
            month("18273645", hostileName, initial: true, certificates: 3, last: "2026-11-04T08:00:00Z",
                  observations: ["W01 numărul de zile „5” diferă de perioadă; verificați <b>datele</b> & corectați"]),
            month("4221308", "Spitalul Clinic Județean de Urgență „Pius Brînzeu” Timișoara", initial: true, certificates: 214,
                  errors: [CertificateErrorLine(serie: "CCMAM", numar: "5100007", code: "C02",
                                                message: "CNP-ul asiguratului nu este valid (cifra de control)"),
                           CertificateErrorLine(serie: "CCMAM", numar: "5100042", code: "C08",
                                                message: "certificatul de continuare nu are certificat inițial în evidență")],
                  last: "2026-11-05T14:45:00Z"),
            month("36985214", "Policlinica 'Sf. Maria' SRL", initial: false,
                  last: "2026-11-04T09:10:00Z",
                  observations: ["Ultimul fișier RESPINS (04.11.2026 11:10): F02 fișierul nu respectă schema – elementul „Totaluri” lipsește."]),
            month("29384756", "CMI Dr. Ionescu Ștefan", initial: false),
            month("14785236", "Centrul Medical Banat SRL", initial: true, certificates: 27, last: "2026-11-10T06:30:00Z",
                  observations: ["Rectificativă primită la 10.11.2026.", "W03 certificat raportat a doua oară, ignorat."]),
            month("4483296", "Spitalul Municipal „Dr. Teodor Andrei” Lugoj", initial: true, certificates: 88,
                  errors: [CertificateErrorLine(serie: "CCMAM", numar: "6200300", code: "C14",
                                                message: "durata depășește 90 de zile fără aviz de prelungire")],
                  last: "2026-11-05T08:00:00Z"),
        ]
        return Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: asOf, months: months)
    }

    // MARK: - The page as text

    func testPageIsSelfContainedAndComplete() throws {
        let c = Self.centralizer()
        let html = CentralizerHTML.render(c)
        keep(html)

        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ro\">"))
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(html.contains("<title>Tabel centralizator – CAS TM – luna octombrie 2026</title>"))
        XCTAssertTrue(html.contains("<h1>Tabel centralizator – CAS TM – luna octombrie 2026</h1>"))
        XCTAssertTrue(html.contains("<time datetime=\"2026-11-14T08:00:00+02:00\">14.11.2026 08:00</time>"), "the edition's moment")

        // Self-contained: nothing to fetch, no link out of the page.
        for forbidden in ["http://", "https://", "src=", "url(", "@import", "<link", "<img", "<iframe", "@font-face"] {
            XCTAssertFalse(html.localizedCaseInsensitiveContains(forbidden), "page must not contain \(forbidden)")
        }
        let hrefs = matches(#"href\s*=\s*"([^"]*)""#, in: html)
        XCTAssertFalse(hrefs.isEmpty)
        for h in hrefs { XCTAssertTrue(h.hasPrefix("#"), "href to \(h)") }
        XCTAssertEqual(matches("<script", in: html).count, 1, "one inline script, ours")
        XCTAssertTrue(html.contains("Content-Security-Policy"))

        // Every provider row, in the model's order, and the counts.
        let rowCUIs = matches(#"<tr [^>]*data-cui="([^"]*)""#, in: html)
        XCTAssertEqual(rowCUIs, c.rows.map(\.cui))
        XCTAssertEqual(c.rows.count, 8)
        for r in c.rows {
            XCTAssertTrue(html.contains("data-label=\"CUI\">\(r.cui)</td>"), r.cui)
            XCTAssertTrue(html.contains("data-stadiu=\"\(stageSlug(r.stage))\" data-cui=\"\(r.cui)\""), r.cui)
        }
        XCTAssertTrue(html.contains("id=\"nr-validat\">3<"), "3 VALIDAT")
        XCTAssertTrue(html.contains("id=\"nr-cu-erori\">3<"), "3 CU ERORI")
        XCTAssertTrue(html.contains("id=\"nr-fara-raportare\">2<"), "2 FĂRĂ RAPORTARE")
        XCTAssertTrue(html.contains("id=\"nr-total\">8<"))
        for s in Stage.allCases { XCTAssertTrue(html.contains(">\(s.rawValue)</span>"), s.rawValue) }

        // The columns of §1, in order, as real header cells, under a caption.
        let headers = matches(#"<th scope="col"[^>]*>([^<]*)</th>"#, in: html)
        XCTAssertEqual(headers, ["Nr. crt.", "CUI", "Denumire furnizor", "Nr. convenție", "Stadiu procesare",
                                 "Nr. certificate raportate", "Nr. certificate cu erori", "Descrierea erorilor",
                                 "Data ultimei raportări", "Observații"])
        XCTAssertTrue(html.contains("<caption"))

        // One line per failing certificate, in the spec's format, diacritics intact.
        let stefanescu = try XCTUnwrap(c.rows.first { $0.cui == "42005674" })
        XCTAssertEqual(stefanescu.errorDescription.count, 2)
        XCTAssertTrue(html.contains("<li>CCMAM 4400123: C05 data începerii concediului este ulterioară datei acordării; C19 perioadă suprapusă cu certificatul CCMAM 4400100</li>"))
        XCTAssertTrue(html.contains("<li>CCMAM 4400131: C11 codul de indemnizație „08” nu se acordă pentru diagnosticul raportat</li>"))
        XCTAssertTrue(html.contains("Raportare tardivă: primită la 07.11.2026"))

        // Escaping: & < > " ' in every text.
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<b>datele</b>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fiii SRL"))
        XCTAssertTrue(html.contains("verificați &lt;b&gt;datele&lt;/b&gt; &amp; corectați"))
        XCTAssertTrue(html.contains("Policlinica &#39;Sf. Maria&#39; SRL"))

        // No personal data: nothing that looks like a CNP.
        XCTAssertEqual(matches("[0-9]{13}", in: html), [])
    }

    func testEmptyMonthStillRenders() {
        let html = CentralizerHTML.render(Centralizer(casa: "CJ", luna: YearMonth("2026-01")!, asOf: Self.asOf, months: []))
        XCTAssertTrue(html.contains("<title>Tabel centralizator – CAS CJ – luna ianuarie 2026</title>"))
        XCTAssertTrue(html.contains("Niciun furnizor cu convenție în această lună."))
        XCTAssertTrue(html.contains("id=\"nr-total\">0<"))
    }

    static let timis = HealthInsuranceHouse(code: "TM", fullName: "Casa de Asigurări de Sănătate Timiș", shortName: "CAS Timiș")

    func withHouse(_ c: Centralizer, contact: String?, asOf: Date? = nil) -> Centralizer {
        var c = c
        c.house = Self.timis
        c.contact = contact
        if let asOf { c.asOf = asOf }
        return c
    }

    func testTheGuideNamesTheHouseTheEditionTheDeadlinesAndTheContact() throws {
        let html = CentralizerHTML.render(withHouse(Self.centralizer(), contact: "tel. 0256 490 120, interior 506 · <raportari@castimis.ro>"))
        keep(html)
        XCTAssertTrue(html.contains("<title>Tabel centralizator – CAS Timiș – luna octombrie 2026</title>"))
        XCTAssertTrue(html.contains("<h1>Tabel centralizator – CAS Timiș – luna octombrie 2026</h1>"))
        XCTAssertTrue(html.contains("relație contractuală cu Casa de Asigurări de Sănătate Timiș în luna octombrie 2026"))
        XCTAssertTrue(html.contains("<strong class=\"editie\">Ediția din 14.11.2026</strong>"), "the edition label")
        // A legend of the three stages, each with what to do.
        let legend = try XCTUnwrap(html.range(of: "<ul class=\"legenda\">").map { String(html[$0.lowerBound...].prefix(3000)) })
        for s in Stage.allCases { XCTAssertTrue(legend.contains(">\(s.rawValue)</span>"), s.rawValue) }
        XCTAssertEqual(matches("Ce faceți:", in: legend).count, 3)
        XCTAssertTrue(legend.contains("transmiteți online o <strong>raportare rectificativă</strong>"), "CU ERORI: a rectificativă")
        XCTAssertTrue(legend.contains("transmiteți <strong>raportarea inițială</strong>, corectată dacă a fost respinsă. Nu trimiteți o rectificativă: fără raportare inițială ar fi respinsă (F11)."))
        // The methodology's deadlines for this month.
        XCTAssertTrue(html.contains("Raportarea lunii octombrie 2026: până la <strong>12.11.2026</strong> inclusiv"))
        XCTAssertTrue(html.contains("se publică între <strong>14.11.2026</strong> și <strong>18.11.2026</strong>"))
        XCTAssertTrue(html.contains("Rectificativele transmise până la <strong>30.11.2026</strong> apar în tabelul reafișat la sfârșitul lunii"))
        // Each row's next step beside its stage.
        XCTAssertEqual(matches("<span class=\"pas\">Trimiteți o rectificativă</span>", in: html).count, 3, "CU ERORI")
        XCTAssertEqual(matches("<span class=\"pas\">Dacă ați eliberat certificate: trimiteți raportarea inițială</span>", in: html).count, 2, "FĂRĂ RAPORTARE")
        // The contact, escaped like every other text.
        XCTAssertTrue(html.contains("consilierul CAS Timiș, tel. 0256 490 120, interior 506 · &lt;raportari@castimis.ro&gt;</p>"))

        // Without a contact the line is left out, nothing else; a later as-of is an update.
        let later = CentralizerHTML.render(withHouse(Self.centralizer(), contact: nil, asOf: Self.at("2026-11-30T21:00:00Z")))
        XCTAssertFalse(later.contains("class=\"contact\""))
        XCTAssertFalse(later.contains("Întrebări"))
        XCTAssertTrue(later.contains("Termene"))
        XCTAssertTrue(later.contains("<strong class=\"editie\">Actualizare la 30.11.2026</strong>"))
        XCTAssertTrue(later.contains("Actualizare la 30.11.2026 · situația la"), "in the footer too")
    }

    func testLongErrorListsFoldAfterThreeLines() throws {
        func errors(_ certificates: Int, codesEach: Int = 1) -> [CertificateErrorLine] {
            (0..<certificates).flatMap { n in (0..<codesEach).map { k in
                CertificateErrorLine(serie: "CCMAM", numar: String(5100000 + n), code: "C0\(k + 1)", message: "motivul \(k + 1)") } }
        }
        // 4 lines: no fold (folding one line would save nothing).
        let four = CentralizerHTML.foldedErrors(errors(4))
        XCTAssertFalse(four.contains("<details"))
        XCTAssertEqual(matches("<li>", in: four).count, 4)
        // 15 certificates: 3 lines shown, 12 errors behind "încă 12 erori".
        let many = CentralizerHTML.foldedErrors(errors(15))
        XCTAssertEqual(matches("<li>", in: many).count, 15, "every line is in the page (print, search)")
        XCTAssertTrue(many.hasPrefix("<ul class=\"linii\"><li>CCMAM 5100000: C01 motivul 1</li><li>CCMAM 5100001: C01 motivul 1</li><li>CCMAM 5100002: C01 motivul 1</li></ul>"
                                     + "<details class=\"mai\"><summary>încă 12 erori</summary><ul class=\"linii\"><li>CCMAM 5100003"), many)
        // Errors, not lines, are counted; Romanian "de" from 20 on.
        XCTAssertTrue(CentralizerHTML.foldedErrors(errors(13, codesEach: 2)).contains("<summary>încă 20 de erori</summary>"))
        XCTAssertTrue(CentralizerHTML.foldedErrors(errors(5) + [errors(1)[0]]).contains("<summary>încă 2 erori</summary>"))
        // In a row, and unfolded for print.
        let months = [Self.month("4221308", "Spitalul Județean", initial: true, certificates: 300, errors: errors(15), last: "2026-11-05T14:45:00Z")]
        let html = CentralizerHTML.render(Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: Self.asOf, months: months))
        XCTAssertTrue(html.contains("<summary>încă 12 erori</summary>"))
        XCTAssertTrue(CentralizerHTML.css.contains(".mai::details-content{content-visibility:visible;display:block}"), "print CSS opens them")
        XCTAssertTrue(CentralizerHTML.script.contains("beforeprint"), "and so does the script, where it runs")
    }

    func testARefusalReplacedByALaterReportIsMarked() throws {
        let at = Self.at("2026-11-04T09:10:00Z")
        let old = RefusedFile(fileName: "CCM_36985214_202610_I_1.xml", receivedAt: at,
                              reasons: [FileReason(code: "F02", message: "fișierul nu respectă schema")], superseded: true)
        var open = old
        open.fileName = "CCM_29384756_202610_I_1.xml"
        open.superseded = false
        var replaced = Self.month("36985214", "Policlinica Sf. Maria SRL", initial: true, certificates: 4, last: "2026-11-06T09:00:00Z")
        replaced.refusals = [old]
        var refused = Self.month("29384756", "CMI Dr. Ionescu Ștefan", initial: false)
        refused.refusals = [open]
        let html = CentralizerHTML.render(Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: Self.asOf, months: [replaced, refused]))
        XCTAssertTrue(html.contains("<li class=\"inlocuit\"><span class=\"vechi\">Fișier respins CCM_<wbr>36985214_<wbr>202610_<wbr>I_<wbr>1.xml (04.11.2026 11:10): F02 fișierul nu respectă schema</span> <span class=\"eticheta\">înlocuit de o raportare înregistrată ulterior</span></li>"))
        XCTAssertTrue(html.contains("<li>Fișier respins CCM_<wbr>29384756_<wbr>202610_<wbr>I_<wbr>1.xml (04.11.2026 11:10): F02 fișierul nu respectă schema</li>"), "the open refusal is not marked")
        XCTAssertTrue(html.contains("<span class=\"pas\">Retrimiteți raportarea inițială, corectată</span>"), "the refused provider's next step")
        XCTAssertEqual(matches("class=\"inlocuit\"", in: html).count, 1)
        XCTAssertFalse(html.contains("Ultimul fișier trimis a fost respins"), "a replaced refusal asks for nothing")

        // Registered, then a later file refused: the row says to send that file again.
        var later = Self.month("42005674", "Cabinet Medical Ștefănescu", initial: true, certificates: 9, last: "2026-11-03T09:00:00Z")
        later.refusals = [open]
        let again = CentralizerHTML.render(Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: Self.asOf, months: [later]))
        XCTAssertTrue(again.contains("✓</span>VALIDAT</span><span class=\"pas\">Ultimul fișier trimis a fost respins: motivul este în „Observații”</span>"))
    }

    // MARK: - The page in a browser

    /// The page as `centralizator.html` in a new folder of its own (the caller removes the folder).
    private func pageFile(_ html: String) throws -> URL {
        let page = try Paths.temporaryFolder().appendingPathComponent("centralizator.html")
        try Data(html.utf8).write(to: page)
        return page
    }

    func testChromiumBuildsTheTableAndTheFiltersWork() throws {
        guard let chromium = requireChromium() else { return }
        let c = Self.centralizer()
        let page = try pageFile(CentralizerHTML.render(c))
        let dir = page.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }

        let dom = try dumpDOM(chromium, page, profile: dir.appendingPathComponent("profile"))
        for r in c.rows { XCTAssertTrue(dom.contains(">\(r.cui)</td>"), "CUI \(r.cui) in the DOM") }
        XCTAssertEqual(matches("[0-9]{13}", in: dom), [], "no 13-digit number (CNP) in the DOM")
        // The inline script ran (so the CSP hash matches it): controls shown, visible rows announced.
        XCTAssertTrue(dom.contains("Se afișează 8 din 8 furnizori."), "the script did not run:\n\(dom.prefix(3000))")
        XCTAssertFalse(dom.contains("id=\"filtre\" aria-label=\"Filtrare și căutare\" hidden"))
        XCTAssertEqual(hiddenRows(dom), [])
        XCTAssertFalse(dom.contains("<script>alert"), "the hostile name stays text")

        // Stage filter, from the fragment (the state is linkable, from file:// too).
        let cuErori = try dumpDOM(chromium, page, fragment: "stadiu=cu-erori", profile: dir.appendingPathComponent("profile"))
        XCTAssertEqual(hiddenRows(cuErori), Set(c.rows.filter { $0.stage != .cuErori }.map(\.cui)))
        XCTAssertTrue(cuErori.contains("Se afișează 3 din 8 furnizori."))

        let fara = try dumpDOM(chromium, page, fragment: "stadiu=fara-raportare", profile: dir.appendingPathComponent("profile"))
        XCTAssertEqual(hiddenRows(fara), Set(c.rows.filter { $0.stage != .faraRaportare }.map(\.cui)))

        // Search: diacritics- and case-insensitive on the name, by CUI with or without RO.
        let all = Set(c.rows.map(\.cui))
        let byName = try dumpDOM(chromium, page, fragment: "cauta=STEFANESCU%20tiriac", profile: dir.appendingPathComponent("profile"))
        XCTAssertEqual(hiddenRows(byName), all.subtracting(["42005674"]))
        let byPlace = try dumpDOM(chromium, page, fragment: "cauta=timisoara", profile: dir.appendingPathComponent("profile"))
        XCTAssertEqual(hiddenRows(byPlace), all.subtracting(["4221308"]))
        let byCUI = try dumpDOM(chromium, page, fragment: "cauta=RO4483296", profile: dir.appendingPathComponent("profile"))
        XCTAssertEqual(hiddenRows(byCUI), all.subtracting(["4483296"]))
        let none = try dumpDOM(chromium, page, fragment: "stadiu=validat&cauta=lugoj", profile: dir.appendingPathComponent("profile"))
        XCTAssertEqual(hiddenRows(none), all)
        XCTAssertTrue(none.contains("Se afișează 0 din 8 furnizori."))
        XCTAssertTrue(none.contains("<p id=\"gol\" class=\"gol\">"), "the empty-result notice is shown")
    }

    func testColumnsSortFromTheHeaderButtonsAndTheFragment() throws {
        guard let chromium = requireChromium() else { return }
        let c = Self.centralizer()
        let page = try pageFile(CentralizerHTML.render(c))
        let dir = page.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = dir.appendingPathComponent("profile")

        let dom = try dumpDOM(chromium, page, profile: profile)
        // Every sortable header got a real button (keyboard: Tab, Enter/Space); the name order is announced.
        XCTAssertEqual(matches(#"<th [^>]*data-sort="[^"]*"[^>]*><button type="button" class="sort">"#, in: dom).count, 8)
        XCTAssertTrue(dom.contains(#"data-key="denumire" aria-sort="ascending"><button"#), "the initial order is by name")
        XCTAssertEqual(matches(#"aria-sort=""#, in: dom).count, 1)

        let byCertificates = try dumpDOM(chromium, page, fragment: "ordine=certificate-desc", profile: profile)
        let expected = c.rows.sorted { $0.nrCertificate != $1.nrCertificate ? $0.nrCertificate > $1.nrCertificate : $0.nrCrt < $1.nrCrt }.map(\.cui)
        XCTAssertEqual(matches(#"<tr [^>]*data-cui="([^"]*)""#, in: byCertificates), expected)
        XCTAssertTrue(byCertificates.contains(#"data-key="certificate" aria-sort="descending""#))
        XCTAssertEqual(matches(#"aria-sort=""#, in: byCertificates).count, 1, "one sorted column")
        XCTAssertTrue(byCertificates.contains("Ordonat după „Nr. certificate raportate”, descrescător."))

        // Dates ascending: no report first; filter and sort together.
        let byDate = try dumpDOM(chromium, page, fragment: "stadiu=fara-raportare&ordine=data-asc", profile: profile)
        let dated = matches(#"<tr [^>]*data-cui="([^"]*)""#, in: byDate)
        XCTAssertEqual(dated.first, "29384756", "no report sorts first")
        XCTAssertEqual(dated.filter { ["36985214", "31001235", "14785236"].contains($0) }, ["31001235", "36985214", "14785236"])
        XCTAssertEqual(hiddenRows(byDate), Set(c.rows.filter { $0.stage != .faraRaportare }.map(\.cui)))
        let byStage = try dumpDOM(chromium, page, fragment: "ordine=stadiu-asc", profile: profile)
        XCTAssertEqual(matches(#"data-stadiu="([^"]*)""#, in: byStage), ["validat", "validat", "validat", "cu-erori", "cu-erori", "cu-erori", "fara-raportare", "fara-raportare"])
    }

    /// 300 rows: at 1366 px the header stays at the top of the window after scrolling down; at
    /// 800 px it stays at the top of the table's own scrolling box; at 390 px (cards) the page does
    /// not scroll sideways. Measured in the page laid out by Chromium.
    func testTheHeaderStaysInViewAndAPhoneDoesNotScrollSideways() throws {
        guard let chromium = requireChromium() else { return }
        let page = try pageFile(CentralizerHTML.render(withHouse(Self.threeHundred(), contact: "tel. 0256 490 120")))
        let dir = page.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }

        let desktop = try measure(chromium, page, width: 1366, in: dir, """
            var w=f.contentWindow,doc=f.contentDocument,th=doc.querySelector("#tabel thead th");
            w.scrollTo(0,doc.querySelector("#tabel tbody tr:nth-child(200)").getBoundingClientRect().top+w.scrollY);
            setTimeout(function(){document.title="top="+Math.round(th.getBoundingClientRect().top)+";sw="+doc.documentElement.scrollWidth+";y="+Math.round(w.scrollY);},100);
            """)
        XCTAssertGreaterThan(desktop["y"] ?? 0, 3000, "the window scrolled down")
        XCTAssertEqual(desktop["top"] ?? -1, 0, accuracy: 1, "the header is at the top of the window: \(desktop)")
        XCTAssertLessThanOrEqual(desktop["sw"] ?? 99999, 1366, "no sideways scroll at 1366 px")

        let narrow = try measure(chromium, page, width: 800, in: dir, """
            var doc=f.contentDocument,box=doc.querySelector(".cadru"),th=doc.querySelector("#tabel thead th");
            box.scrollTop=3000;
            setTimeout(function(){document.title="top="+Math.round(th.getBoundingClientRect().top-box.getBoundingClientRect().top)+";st="+box.scrollTop+";sw="+doc.documentElement.scrollWidth;},100);
            """)
        XCTAssertGreaterThan(narrow["st"] ?? 0, 1000, "the table scrolls in its own box")
        XCTAssertEqual(narrow["top"] ?? -1, 0, accuracy: 2, "the header is at the top of that box: \(narrow)")
        XCTAssertLessThanOrEqual(narrow["sw"] ?? 99999, 800, "only the table's box scrolls sideways")

        let phone = try measure(chromium, page, width: 390, in: dir, """
            var doc=f.contentDocument;
            setTimeout(function(){document.title="sw="+doc.documentElement.scrollWidth+";bw="+doc.body.scrollWidth;},100);
            """)
        XCTAssertLessThanOrEqual(phone["sw"] ?? 99999, 390, "no sideways scroll on a phone: \(phone)")
        XCTAssertLessThanOrEqual(phone["bw"] ?? 99999, 390)
    }

    /// 300 providers, every stage, some hospitals with long error lists and replaced refusals.
    static func threeHundred() -> Centralizer {
        let months = (0..<300).map { i -> ProviderMonth in
            let cui = String(1_000_000 + i * 7919)
            let errs = i % 7 == 0 ? (0..<(i % 21 + 1)).map { CertificateErrorLine(serie: "CCMAM", numar: String(5_100_000 + $0), code: "C04",
                                                                                       message: "perioada nu este coerentă cu data acordării") } : []
            var m = month(cui, "Furnizor \(i + 1) " + (i % 5 == 0 ? "Spitalul Clinic Județean de Urgență „Pius Brînzeu” Timișoara" : "CMI Dr. Popescu"),
                          initial: i % 11 != 0, certificates: i % 40 + errs.count, errors: errs, last: i % 11 == 0 ? nil : "2026-11-05T08:00:00Z")
            if i % 13 == 0 {
                m.refusals = [RefusedFile(fileName: "CCM_\(cui)_202610_I_1.xml", receivedAt: at("2026-11-03T08:00:00Z"),
                                          reasons: [FileReason(code: "F08", message: "totalurile nu corespund certificatelor")], superseded: m.hasRegisteredInitial)]
            }
            return m
        }
        return Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: asOf, months: months)
    }

    /// Lays the page out in an iframe of `width` x 800 on a helper page, runs `js` there (`f` is
    /// the iframe; it sets document.title to `k=v;…`) and returns the numbers.
    func measure(_ chromium: String, _ page: URL, width: Int, in dir: URL, _ js: String) throws -> [String: Double] {
        let helper = dir.appendingPathComponent("measure-\(width).html")
        try Data("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>-</title></head><body style="margin:0">
            <iframe id="f" src="\(page.absoluteString)" style="border:0;display:block;width:\(width)px;height:800px"></iframe>
            <script>var f=document.getElementById("f");f.addEventListener("load",function(){\(js)});</script></body></html>
            """.utf8).write(to: helper)
        let r = try Subprocess.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                              "--allow-file-access-from-files", "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                                              "--window-size=\(max(width, 500)),800", "--virtual-time-budget=5000", "--dump-dom", helper.absoluteString])
        let dom = String(decoding: r.stdout, as: UTF8.self)
        let title = matches("<title>([^<]*)</title>", in: dom).first ?? ""
        var out: [String: Double] = [:]
        for pair in title.split(separator: ";") {
            let kv = pair.split(separator: "=")
            if kv.count == 2, let v = Double(kv[1]) { out[String(kv[0])] = v }
        }
        XCTAssertFalse(out.isEmpty, "nothing measured at \(width) px: \(title) \(String(decoding: r.stderr, as: UTF8.self).prefix(500))")
        return out
    }

    func testScreenshotScriptWritesPNGs() throws {
        guard requireChromium() != nil else { return }
        let page = try pageFile(CentralizerHTML.render(Self.centralizer()))
        let dir = page.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = Paths.repo.appendingPathComponent("scripts/screenshot-centralizer.sh").path

        for (arg, width) in [("1280", 1280), ("phone", 390)] {
            let png = dir.appendingPathComponent("shot-\(arg).png")
            let r = try Subprocess.run("/bin/bash", [script, page.path, png.path, arg])
            XCTAssertEqual(r.status, 0, r.output)
            let data = try Data(contentsOf: png)
            XCTAssertGreaterThan(data.count, 10_000, "a real picture, not an empty one")
            XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
            let w = data.count > 24 ? data[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
            let h = data.count > 24 ? data[20..<24].reduce(0) { $0 << 8 | Int($1) } : 0
            XCTAssertEqual(w, width, "PNG width")
            XCTAssertGreaterThan(h, 600, "the whole page, not one screen of it")
        }

        let bad = try Subprocess.run("/bin/bash", [script, dir.appendingPathComponent("missing.html").path, dir.appendingPathComponent("x.png").path])
        XCTAssertNotEqual(bad.status, 0)
    }

    // MARK: - Helpers

    /// Debian's chromium (CI: `bash scripts/setup.sh chromium`). Missing is a failure, not a skip.
    func requireChromium(file: StaticString = #filePath, line: UInt = #line) -> String? {
        var candidates: [String] = []
        if let c = ProcessInfo.processInfo.environment["CHROMIUM"], !c.isEmpty { candidates.append(c) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            candidates += ["chromium", "chromium-browser"].map { "\(dir)/\($0)" }
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        XCTFail("chromium is not installed: the HTML centralizer is checked in a real browser. "
                + "Install it with `bash scripts/setup.sh chromium` (Debian package `chromium`), or set CHROMIUM=/path/to/chromium.",
                file: file, line: line)
        return nil
    }

    func dumpDOM(_ chromium: String, _ page: URL, fragment: String? = nil, profile: URL) throws -> String {
        let url = page.absoluteString + (fragment.map { "#" + $0 } ?? "")
        let r = try Subprocess.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                              "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000",
                                              "--dump-dom", url])
        XCTAssertEqual(r.status, 0, String(decoding: r.stderr, as: UTF8.self))
        let dom = String(decoding: r.stdout, as: UTF8.self)
        XCTAssertTrue(dom.contains("<table"), "chromium produced no DOM for \(url): \(String(decoding: r.stderr, as: UTF8.self))")
        return dom
    }

    /// CUIs of the rows the script hid.
    func hiddenRows(_ dom: String) -> Set<String> {
        var hidden = Set<String>()
        for tag in matches(#"(<tr [^>]*data-cui="[^"]*"[^>]*>)"#, in: dom) {
            guard let cui = matches(#"data-cui="([^"]*)""#, in: tag).first else { continue }
            if tag.range(of: #"\shidden(=""|\s|>)"#, options: .regularExpression) != nil { hidden.insert(cui) }
        }
        return hidden
    }

    func stageSlug(_ s: Stage) -> String {
        switch s {
        case .validat: "validat"
        case .cuErori: "cu-erori"
        case .faraRaportare: "fara-raportare"
        }
    }

    /// First capture group of every match (the whole match when there is none).
    func matches(_ pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { XCTFail("bad pattern \(pattern)"); return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
            ns.substring(with: $0.numberOfRanges > 1 ? $0.range(at: 1) : $0.range)
        }
    }

    /// CCM_CENTRALIZER_HTML_OUT=/some/file.html keeps the rendered sample page (to look at it).
    func keep(_ html: String) {
        guard let out = ProcessInfo.processInfo.environment["CCM_CENTRALIZER_HTML_OUT"], !out.isEmpty else { return }
        try? Data(html.utf8).write(to: URL(fileURLWithPath: out))
    }
}
