import CCMApp
import CCMCore
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

    // MARK: - The page in a browser

    func testChromiumBuildsTheTableAndTheFiltersWork() throws {
        guard let chromium = requireChromium() else { return }
        let c = Self.centralizer()
        let dir = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("centralizator.html")
        try Data(CentralizerHTML.render(c).utf8).write(to: page)

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

    func testScreenshotScriptWritesPNGs() throws {
        guard requireChromium() != nil else { return }
        let dir = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("centralizator.html")
        try Data(CentralizerHTML.render(Self.centralizer()).utf8).write(to: page)
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
