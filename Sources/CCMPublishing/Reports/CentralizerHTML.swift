import CCMCore
import CCMSignature
import Foundation

/// `centralizer --format html` (`04-outputs.md` §1): one self-contained page for the CAS web site.
///
/// - No external assets: inline CSS and one small inline script, both pinned by hash in a
///   Content-Security-Policy, so the page can load nothing and run nothing else (not even if a
///   name in the registry tried to smuggle markup in: every text is escaped anyway).
/// - Without JavaScript the whole table shows and the filter controls stay hidden.
/// - Filter by stage (radio buttons) and search by CUI or name, diacritics-insensitive; the
///   state is mirrored in the fragment (`#stadiu=cu-erori&cauta=timis`), so a filtered view
///   can be linked to, from a file:// URL too.
/// - Columns sort (buttons the script puts in the headers, `aria-sort`); the header stays in
///   view (sticky); error lists longer than a few lines fold in a `<details>` ("încă 12 erori").
/// - Above the table: the edition, what each stage means and what to do, the deadlines, the contact.
/// - Narrow screens: each row becomes a card (labels from the column headers). Print: all rows,
///   no controls, errors unfolded, header row repeated on every page.
/// - Only what the model holds: no personal data is added here.
public enum CentralizerHTML {
    public static func render(_ c: Centralizer) -> String {
        let counts = c.counts
        let title = "Tabel centralizator – \(c.houseShortName) – luna \(Edition.monthName(c.luna))"
        let total = c.rows.count
        var h = HTMLPageHead.render(title: title, policy: contentSecurityPolicy, css: css) + """
            <a class="skip" href="#tabel">Salt la tabel</a>
            <div class="pagina">
            <header>
            <h1>\(esc(title))</h1>
            <p class="asof"><strong class="editie">\(esc(c.edition))</strong> · situația la <time datetime="\(esc(Bucharest.iso8601(c.asOf)))">\(esc(Bucharest.wallClock(c.asOf)))</time> (ora României)</p>
            <p class="nota">Stadiul procesării raportărilor de certificate de concediu medical transmise de furnizorii aflați în relație contractuală cu \(esc(c.houseFullName)) în luna \(esc(Edition.monthName(c.luna))). Tabelul nu conține date cu caracter personal.</p>
            </header>
            <main>
            <section class="sumar" aria-labelledby="sumar-titlu">
            <h2 id="sumar-titlu">Situație pe stadii</h2>
            <ul>

            """
        for s in Stage.allCases {
            h += "<li><span class=\"n\" id=\"nr-\(slug(s))\">\(counts[s] ?? 0)</span> \(badge(s))</li>\n"
        }
        h += "<li class=\"total\"><span class=\"n\" id=\"nr-total\">\(total)</span> <span>\(total == 1 ? "furnizor" : (RomanianCount.takesDe(total) ? "de furnizori" : "furnizori")) în total</span></li>\n"
        h += """
            </ul>
            </section>
            \(guide(c))
            <section class="filtre" id="filtre" aria-label="Filtrare și căutare" hidden>
            <fieldset>
            <legend>Stadiu procesare</legend>
            <div class="optiuni">
            <input type="radio" name="stadiu" id="f-toate" value="toate" checked><label for="f-toate">toate (\(total))</label>

            """
        for s in Stage.allCases {
            h += "<input type=\"radio\" name=\"stadiu\" id=\"f-\(slug(s))\" value=\"\(slug(s))\"><label for=\"f-\(slug(s))\">\(esc(s.rawValue)) (\(counts[s] ?? 0))</label>\n"
        }
        h += """
            </div>
            </fieldset>
            <div class="cautare">
            <label for="cauta">Caută după CUI sau denumire</label>
            <input type="search" id="cauta" autocomplete="off" spellcheck="false" aria-describedby="cauta-ajutor">
            <span id="cauta-ajutor" class="ajutor">Diacriticele nu contează: „timisoara” găsește „Timișoara”.</span>
            </div>
            <div class="ordine-select">
            <label for="ordine">Ordonează după</label>
            <select id="ordine">\(sortOptions)</select>
            </div>
            <p id="stare" class="stare" role="status" aria-live="polite"></p>
            </section>
            <div class="cadru" role="region" aria-labelledby="tabel-titlu" tabindex="0">
            <table id="tabel" role="table">
            <caption id="tabel-titlu">Stadiul procesării pe furnizori – luna \(esc(Edition.monthName(c.luna)))<span class="ajutor ordonare" hidden> · apăsați pe titlul unei coloane pentru a ordona după ea</span></caption>
            <thead role="rowgroup"><tr role="row">
            """
        for (i, col) in CentralizerCSV.columns.enumerated() {
            let sort = columnSort[i].map { " data-sort=\"\($0.type)\" data-key=\"\($0.key)\"" + (i == 2 ? " aria-sort=\"ascending\"" : "") } ?? ""
            h += "<th scope=\"col\" role=\"columnheader\" class=\"\(columnClass[i])\"\(sort)>\(esc(col))</th>"
        }
        h += "</tr></thead>\n<tbody role=\"rowgroup\">\n"
        for r in c.rows { h += row(r) }
        if c.rows.isEmpty {
            h += "<tr role=\"row\"><td role=\"cell\" colspan=\"\(CentralizerCSV.columns.count)\" class=\"nimic\">Niciun furnizor cu convenție în această lună.</td></tr>\n"
        }
        h += """
            </tbody>
            </table>
            </div>
            <p id="gol" class="gol" hidden>Niciun furnizor nu corespunde filtrului.</p>
            </main>
            <footer><p>\(esc(c.edition)) · situația la <time datetime="\(esc(Bucharest.iso8601(c.asOf)))">\(esc(Bucharest.wallClock(c.asOf)))</time> · \(esc(c.houseFullName)) · luna \(esc(c.luna.description))</p></footer>
            </div>
            <script>\(script)</script>
            </body>
            </html>

            """
        return h
    }

    // MARK: - Rows

    static let columnClass = ["c-nr num", "c-cui", "c-den", "c-conv", "c-st", "c-cert num", "c-cerr num", "c-err", "c-data", "c-obs"]
    /// How the script sorts each column (`nil`: not sortable, a list of texts has no useful order)
    /// and its name in the fragment (`#ordine=certificate-desc`).
    static let columnSort: [(type: String, key: String)?] = [("num", "nr"), ("num", "cui"), ("text", "denumire"), ("text", "conventie"),
                                                             ("stage", "stadiu"), ("num", "certificate"), ("num", "cu-erori"), nil,
                                                             ("date", "data"), nil]

    static func row(_ r: CentralizerRow) -> String {
        let labels = CentralizerCSV.columns
        func cell(_ i: Int, _ content: String, empty: Bool = false) -> String {
            "<td role=\"cell\" class=\"\(columnClass[i])\(empty ? " vid" : "")\" data-label=\"\(esc(labels[i]))\">\(content)</td>"
        }
        let errors = r.errorDescription
        let date: String = r.lastReport.map {
            "<time datetime=\"\(esc(Bucharest.iso8601($0)))\">" + Bucharest.wallClock($0).split(separator: " ")
                .map { "<span>\(esc(String($0)))</span>" }.joined(separator: " ") + "</time>"
        } ?? "<span><span aria-hidden=\"true\">—</span><span class=\"sr\">nicio raportare</span></span>"
        var s = "<tr role=\"row\" class=\"r-\(slug(r.stage))\" data-stadiu=\"\(slug(r.stage))\" data-cui=\"\(esc(r.cui))\">"
        s += cell(0, "\(r.nrCrt)")
        s += cell(1, esc(r.cui))
        s += cell(2, esc(r.denumire))
        s += cell(3, esc(r.nrConventie), empty: r.nrConventie.isEmpty)
        s += cell(4, badge(r.stage) + nextStep(r))
        s += cell(5, "\(r.nrCertificate)")
        s += cell(6, "\(r.nrCertificateCuErori)")
        s += cell(7, foldedErrors(r.errors), empty: errors.isEmpty)
        s += cell(8, date)
        s += cell(9, notes(r.notes), empty: r.notes.isEmpty)
        return s + "</tr>\n"
    }

    static func lines(_ items: [String]) -> String {
        items.isEmpty ? "" : "<ul class=\"linii\">" + items.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
    }

    /// The stage's next step, next to the stage (the legend above explains it in full).
    /// A registered provider whose last file was refused since is pointed at the reason (it may be a
    /// rectificativă to correct, or an initial sent twice: F10, which a rectificativă replaces).
    static func nextStep(_ r: CentralizerRow) -> String {
        var steps: [String] = []
        switch r.stage {
        case .validat: break
        case .cuErori: steps.append("Trimiteți o rectificativă")
        case .faraRaportare:
            steps.append(r.refusals.isEmpty ? "Dacă ați eliberat certificate: trimiteți raportarea inițială"
                                            : "Retrimiteți raportarea inițială, corectată")
        }
        if r.stage != .faraRaportare, let last = r.refusals.last, !last.superseded {
            steps.append("Ultimul fișier trimis a fost respins: motivul este în „Observații”")
        }
        return steps.map { "<span class=\"pas\">\($0)</span>" }.joined()
    }

    /// The phone's sort control (the column headers are hidden there): every sortable column, both ways.
    static var sortOptions: String {
        var out = ""
        for (i, col) in CentralizerCSV.columns.enumerated() {
            guard let sort = columnSort[i] else { continue }
            let (up, down) = sort.type == "text" ? ("A–Z", "Z–A") : sort.type == "date" ? ("cele mai vechi întâi", "cele mai noi întâi")
                : sort.type == "stage" ? ("VALIDAT întâi", "FĂRĂ RAPORTARE întâi") : ("crescător", "descrescător")
            out += "<option value=\"\(sort.key)-asc\"\(i == 2 ? " selected" : "")>\(esc(col)), \(up)</option>"
            out += "<option value=\"\(sort.key)-desc\">\(esc(col)), \(down)</option>"
        }
        return out
    }

    /// Lines shown before a long error list folds; a list only one line longer is not folded.
    static let foldAfter = 3

    /// One line per failing certificate; past `foldAfter` lines the rest in a `<details>`
    /// ("încă 12 erori"), which opens without script and prints open.
    static func foldedErrors(_ errors: [CertificateErrorLine]) -> String {
        let all = CertificateErrorLine.describe(errors)
        guard all.count > foldAfter + 1 else { return lines(all) }
        let shownKeys = Set(CertificateErrorLine.certificates(errors).prefix(foldAfter))
        let hidden = errors.filter { !shownKeys.contains("\($0.serie) \($0.numar)") }.count
        let more = hidden == 1 ? "încă o eroare" : "încă " + RomanianCount.of(hidden, "eroare", "erori")
        return lines(Array(all.prefix(foldAfter)))
            + "<details class=\"mai\"><summary>\(more)</summary>\(lines(Array(all.dropFirst(foldAfter))))</details>"
    }

    /// The Observații lines; a refusal replaced by a later report says so in words, not only in colour.
    static func notes(_ items: [Observation]) -> String {
        guard !items.isEmpty else { return "" }
        return "<ul class=\"linii\">" + items.map { o in
            o.superseded
                ? "<li class=\"inlocuit\"><span class=\"vechi\">\(breakable(o.text))</span> <span class=\"eticheta\">\(esc(Observation.supersededMark))</span></li>"
                : "<li>\(breakable(o.text))</li>"
        }.joined() + "</ul>"
    }

    /// Escaped, with a line-break opportunity after each `_` (file names in a narrow column).
    static func breakable(_ s: String) -> String { esc(s).replacingOccurrences(of: "_", with: "_<wbr>") }

    // MARK: - Guide

    /// What each stage means and what to do, the deadlines of the methodology, the contact.
    static func guide(_ c: Centralizer) -> String {
        let month = esc(Edition.monthName(c.luna))
        let meaning: [(Stage, String, String)] = [
            (.validat, "Raportarea inițială a lunii este înregistrată și niciun certificat nu are erori.",
             "Nu trebuie să faceți nimic."),
            (.cuErori, "Raportarea inițială este înregistrată, dar unele certificate au erori (coloana „Descrierea erorilor”: seria, numărul, codul și motivul).",
             "Corectați certificatele (toate cele 3 exemplare pe hârtie, cu semnătura și parafa medicului pe modificare) și transmiteți online o <strong>raportare rectificativă</strong>, semnată electronic."),
            (.faraRaportare, "Nu există o raportare inițială înregistrată: nu a fost primită sau fișierul a fost respins (motivul este în coloana „Observații”).",
             "Dacă ați eliberat certificate de concediu medical în luna \(month), transmiteți <strong>raportarea inițială</strong>, corectată dacă a fost respinsă. Nu trimiteți o rectificativă: fără raportare inițială ar fi respinsă (F11)."),
        ]
        var h = "<section class=\"ghid\" aria-labelledby=\"ghid-titlu\">\n<h2 id=\"ghid-titlu\">Ce înseamnă stadiul și ce aveți de făcut</h2>\n<ul class=\"legenda\">\n"
        for (stage, what, todo) in meaning {
            h += "<li class=\"l-\(slug(stage))\">\(badge(stage))<p>\(what)</p><p><span class=\"ce\">Ce faceți:</span> \(todo)</p></li>\n"
        }
        let deadline = Edition.reportingDeadline(c.luna).romanian
        let start = Edition.publicationStart(c.luna).romanian, end = Edition.publicationEnd(c.luna).romanian
        let again = Edition.republication(c.luna).romanian
        h += """
            </ul>
            <div class="termene">
            <h2>Termene</h2>
            <ul>
            <li>Raportarea lunii \(month): până la <strong>\(deadline)</strong> inclusiv (data de 12 a lunii următoare).</li>
            <li>Tabelul centralizator se publică între <strong>\(start)</strong> și <strong>\(end)</strong>.</li>
            <li>Rectificativele transmise până la <strong>\(again)</strong> apar în tabelul reafișat la sfârșitul lunii.</li>
            </ul>

            """
        if let contact = c.contact?.trimmingCharacters(in: .whitespaces), !contact.isEmpty {
            h += "<p class=\"contact\"><span class=\"ce\">Întrebări:</span> consilierul \(esc(c.houseShortName)), \(esc(contact))</p>\n"
        }
        return h + "</div>\n</section>"
    }

    /// The stage as text (never colour alone): the exact public string, a symbol, a colour.
    static func badge(_ s: Stage) -> String {
        let symbol: String
        switch s {
        case .validat: symbol = "✓"
        case .cuErori: symbol = "✕"
        case .faraRaportare: symbol = "○"
        }
        return "<span class=\"st st-\(slug(s))\"><span class=\"sym\" aria-hidden=\"true\">\(symbol)</span>\(esc(s.rawValue))</span>"
    }

    static func slug(_ s: Stage) -> String {
        switch s {
        case .validat: "validat"
        case .cuErori: "cu-erori"
        case .faraRaportare: "fara-raportare"
        }
    }


    /// Text and attribute values alike.
    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    // MARK: - Inline assets

    static let contentSecurityPolicy =
        "default-src 'none'; style-src '\(sha256(css))'; script-src '\(sha256(script))'; base-uri 'none'; form-action 'none'"

    static func sha256(_ text: String) -> String {
        "sha256-" + Data(Digest.sha256(Data(text.utf8))).base64EncodedString()
    }

    /// The stage colours as CSS variables (`StagePalette`, shared with the XLSX).
    static var paletteVariables: String {
        Stage.allCases.map { s in
            let c = StagePalette.colours(s)
            return "--\(slug(s))-fg:\(StagePalette.css(c.text));--\(slug(s))-bg:\(StagePalette.css(c.fill));--\(slug(s))-edge:\(StagePalette.css(c.accent))"
        }.joined(separator: ";")
    }

    static let css = """

        :root{--fg:#1a1a1a;--muted:#4b5563;--line:#c5cad3;--head:#e9edf3;--accent:#0b4f8a;--focus:#1d4ed8;
        \(paletteVariables)}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;color:var(--fg);background:#fff;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif}
        .pagina{max-width:1500px;margin:0 auto;padding:1rem 1.25rem 2rem}
        .sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
        .skip{position:absolute;left:-9999px;top:0}
        .skip:focus{left:1rem;top:1rem;z-index:10;background:#fff;color:var(--accent);padding:.5rem 1rem;border:2px solid var(--focus)}
        :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        h1{font-size:1.55rem;line-height:1.25;margin:.25rem 0}
        h2{font-size:1rem;margin:0 0 .5rem}
        .asof{margin:0 0 .35rem;font-weight:600}
        .nota{margin:0 0 1rem;color:var(--muted);max-width:60rem}
        .sumar ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0 0 1rem;padding:0}
        .sumar li{display:flex;align-items:center;gap:.5rem;border:1px solid var(--line);border-radius:8px;padding:.35rem .8rem}
        .sumar .n{font-size:1.4rem;font-weight:700;font-variant-numeric:tabular-nums}
        .st{display:inline-flex;align-items:center;gap:.3em;white-space:nowrap;font-weight:600;font-size:.85em;padding:.1em .6em;border:1px solid;border-radius:999px}
        .sym{font-size:.9em}
        .st-validat{color:var(--validat-fg);background:var(--validat-bg)}
        .st-cu-erori{color:var(--cu-erori-fg);background:var(--cu-erori-bg)}
        .st-fara-raportare{color:var(--fara-raportare-fg);background:var(--fara-raportare-bg)}
        .ghid{margin:0 0 1rem}
        .legenda{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.6rem;list-style:none;margin:0 0 .75rem;padding:0}
        .legenda li{border:1px solid var(--line);border-left:6px solid #6b7280;border-radius:8px;padding:.5rem .8rem}
        .legenda li.l-validat{border-left-color:var(--validat-edge)}
        .legenda li.l-cu-erori{border-left-color:var(--cu-erori-edge)}
        .legenda li.l-fara-raportare{border-left-color:var(--fara-raportare-edge)}
        .legenda p{margin:.35rem 0 0}
        .ce{font-weight:700}
        .termene{border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;background:#f5f7fa}
        .termene ul{margin:0;padding-left:1.2rem}
        .contact{margin:.4rem 0 0}
        .filtre{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.75rem 2rem;margin:0 0 1rem;padding:.75rem 1rem;background:#f5f7fa;border:1px solid var(--line);border-radius:8px}
        .filtre[hidden]{display:none}
        fieldset{border:0;margin:0;padding:0;min-width:0}
        legend,.cautare>label{display:block;font-weight:600;padding:0;margin:0 0 .35rem}
        .optiuni{display:flex;flex-wrap:wrap;gap:.4rem}
        .optiuni input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
        .optiuni label{display:inline-block;padding:.35rem .85rem;border:1px solid #6b7280;border-radius:999px;background:#fff;cursor:pointer;white-space:nowrap}
        .optiuni label:hover{background:#e8eef6}
        .optiuni input:checked+label{background:var(--accent);border-color:var(--accent);color:#fff;font-weight:600}
        .optiuni input:checked+label::before{content:"✓ "}
        .optiuni input:focus-visible+label{outline:3px solid var(--focus);outline-offset:2px}
        .cautare{display:flex;flex-direction:column;flex:1 1 16rem;max-width:26rem}
        .ordine-select{display:none;flex-direction:column;flex:1 1 16rem;min-width:0}
        .ordine-select label{font-weight:600;margin:0 0 .35rem}
        .ordine-select select{font:inherit;padding:.35rem .5rem;border:1px solid #6b7280;border-radius:6px;background:#fff;width:100%}
        .pas{display:block;margin-top:.3rem;font-size:.85em;color:var(--muted);white-space:normal}
        .cautare input{font:inherit;padding:.4rem .6rem;border:1px solid #6b7280;border-radius:6px;width:100%}
        .ajutor{font-size:.85rem;color:var(--muted);margin-top:.25rem}
        .stare{flex-basis:100%;margin:0;font-weight:600}
        .cadru{position:relative;overflow:auto;max-height:85vh;border:1px solid var(--line);border-radius:8px}
        table{border-collapse:collapse;width:100%;min-width:960px;font-size:.93em}
        caption{caption-side:top;text-align:left;font-weight:600;padding:.6rem .75rem}
        th,td{padding:.45em .5em;text-align:left;vertical-align:top;border-top:1px solid var(--line)}
        td{overflow-wrap:anywhere}
        thead th{position:sticky;top:0;z-index:2;background:var(--head);font-size:.9em;line-height:1.25;border-top:0;box-shadow:inset 0 -2px 0 #8a93a0}
        th .sort{all:unset;cursor:pointer;display:inline;border-radius:3px}
        th .sort:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        th .sort::after{content:" ↕";color:#6b7280;white-space:nowrap}
        th[aria-sort=ascending] .sort::after{content:" ▲";color:var(--fg)}
        th[aria-sort=descending] .sort::after{content:" ▼";color:var(--fg)}
        th .sort:hover{text-decoration:underline}
        tbody tr:hover{background:#f7f9fc}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .c-cui,.c-conv{white-space:nowrap}
        .c-cui,.c-conv,.c-data{font-variant-numeric:tabular-nums}
        time span{white-space:nowrap}
        .c-den{min-width:11em;font-weight:600}
        .c-err{min-width:18em;font-size:.93em}
        .c-obs{min-width:15em;font-size:.93em}
        thead .c-cert,thead .c-cerr{width:7.5em}
        .c-st{min-width:9.5em}
        .r-cu-erori td.c-cerr{color:var(--err);font-weight:700}
        .linii{list-style:none;margin:0;padding:0}
        .linii li+li,.mai .linii li:first-child{margin-top:.3rem;padding-top:.3rem;border-top:1px dotted var(--line)}
        .mai summary{cursor:pointer;color:var(--accent);font-weight:600;margin-top:.3rem}
        .inlocuit .vechi{color:var(--muted)}
        .eticheta{display:inline-block;font-size:.85em;font-weight:600;color:#1f2937;background:#e5e7eb;border-radius:4px;padding:0 .35em}
        .nimic{text-align:center;padding:1.5rem;color:var(--muted)}
        @media screen and (min-width:1000px){.cadru{overflow:visible;max-height:none}}
        .gol{padding:1rem;text-align:center;font-weight:600;border:1px dashed var(--line);border-radius:8px}
        footer{margin-top:1.5rem;color:var(--muted);font-size:.85rem}
        @media screen and (max-width:760px){
        body{font-size:15px}
        .pagina{padding:.75rem .75rem 1.5rem}
        h1{font-size:1.25rem}
        .sumar li{padding:.3rem .6rem}
        .sumar .n{font-size:1.15rem}
        .filtre{padding:.75rem}
        .cautare{max-width:none}
        .ordine-select{display:flex}
        .ordonare{display:none}
        .sumar ul{display:grid;grid-template-columns:1fr 1fr}
        .cadru{overflow:visible;max-height:none;border:0;border-radius:0}
        table{min-width:0}
        table,tbody,tr,td{display:block;width:100%}
        caption{display:block;padding:0 0 .5rem}
        thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        tbody tr{display:flex;flex-direction:column;border:1px solid var(--line);border-left:6px solid #6b7280;border-radius:8px;margin:0 0 .75rem;padding:.4rem .75rem}
        tbody tr[hidden]{display:none}
        tbody tr.r-validat{border-left-color:var(--validat-edge)}
        tbody tr.r-cu-erori{border-left-color:var(--cu-erori-edge)}
        tbody tr.r-fara-raportare{border-left-color:var(--fara-raportare-edge)}
        tbody tr:hover{background:none}
        td{display:grid;grid-template-columns:minmax(7.5rem,40%) 1fr;gap:.2rem .6rem;border:0;border-top:1px solid #eceef2;padding:.3rem 0;min-width:0}
        td>*{grid-column:2;min-width:0}
        td.c-st>.st{justify-self:start}
        td::before{content:attr(data-label);font-weight:600;color:var(--muted);font-size:.82rem;line-height:1.4}
        td.num{text-align:left}
        td.vid{display:none}
        td.c-den{order:-2;display:block;border-top:0;font-size:1.05rem;padding:.15rem 0 .35rem}
        td.c-st{order:-1}
        td.c-den::before{content:none}
        td.c-err,td.c-obs{min-width:0;font-size:.88rem}
        td.nimic{display:block;border:0}
        td.nimic::before{content:none}
        }
        @media print{
        @page{size:A4 landscape;margin:10mm}
        body{font-size:8.5pt;color:#000}
        h1{font-size:14pt}
        h2{font-size:10pt}
        .nota{color:#000}
        .sumar .n{font-size:11pt}
        .pagina{max-width:none;padding:0}
        .skip,.filtre,.gol,footer{display:none!important}
        .cadru{overflow:visible;max-height:none;border:0}
        table{min-width:0}
        thead{display:table-header-group}
        thead th{position:static;background:#e9edf3;box-shadow:none;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        th .sort::after,.ordonare{display:none}
        .mai summary{display:none}
        .mai::details-content{content-visibility:visible;display:block}
        .legenda{grid-template-columns:repeat(3,1fr)}
        .legenda li,.termene{break-inside:avoid}
        tbody tr[hidden]{display:table-row!important}
        tr{break-inside:avoid;page-break-inside:avoid}
        th,td{padding:.25rem .35rem;border:1px solid #888}
        .st{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        tbody tr:hover{background:none}
        }

        """

    /// Works from file:// (no modules, no fetch, no storage). Stage filter and search, mirrored
    /// in the fragment; the count of visible rows announced in a live region. Sorting by the
    /// header buttons (stable; ties keep the name order); folded errors open for printing.
    static let script = """

        (function(){
        "use strict";
        var d=document,tb=d.querySelector("#tabel tbody");
        var rows=Array.prototype.slice.call(tb.querySelectorAll("tr[data-stadiu]"));
        var box=d.getElementById("filtre"),q=d.getElementById("cauta"),st=d.getElementById("stare"),gol=d.getElementById("gol");
        var radios=Array.prototype.slice.call(d.querySelectorAll("input[name=stadiu]"));
        function norm(s){return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g,"").toLowerCase().replace(/\\s+/g," ").trim();}
        function furnizori(n){return n===1?"1 furnizor":n+((n%100>=20||(n>0&&n%100===0))?" de furnizori":" furnizori");}
        var sorted="",order="";
        rows.forEach(function(r,i){
        r._i=i;
        r._cui=r.getAttribute("data-cui");
        r._key=norm(r._cui+" "+r.querySelector(".c-den").textContent);
        });
        function stage(){for(var i=0;i<radios.length;i++){if(radios[i].checked)return radios[i].value;}return "toate";}
        function apply(save){
        var s=stage(),words=norm(q.value).split(" ").filter(Boolean),shown=0;
        rows.forEach(function(r){
        var ok=(s==="toate"||r.getAttribute("data-stadiu")===s)&&words.every(function(w){
        var digits=w.replace(/^ro(?=[0-9])/,"");
        return r._key.indexOf(w)>=0||(/^[0-9]+$/.test(digits)&&r._cui.indexOf(digits)>=0);});
        r.hidden=!ok;if(ok)shown++;
        });
        gol.hidden=shown>0||rows.length===0;
        st.textContent="Se afișează "+shown+" din "+furnizori(rows.length)+"."+sorted;
        if(save){
        var h=[];if(s!=="toate")h.push("stadiu="+s);if(q.value.trim())h.push("cauta="+encodeURIComponent(q.value.trim()));
        if(order)h.push("ordine="+order);
        try{history.replaceState(null,"",h.length?"#"+h.join("&"):location.pathname+location.search);}catch(e){}
        }
        }
        function load(){
        var h=location.hash.replace(/^#/,"");
        if(!/(^|&)(stadiu|cauta|ordine)=/.test(h))return;
        h.split("&").forEach(function(p){
        var i=p.indexOf("="),k=p.slice(0,i),v="";
        try{v=decodeURIComponent(p.slice(i+1).replace(/\\+/g," "));}catch(e){return;}
        if(k==="stadiu")radios.forEach(function(r){r.checked=r.value===v;});
        if(k==="cauta")q.value=v;
        if(k==="ordine"){var m=/^([a-z-]+)-(asc|desc)$/.exec(v);
        ths.forEach(function(th){if(m&&th.getAttribute("data-key")===m[1])sortBy(th,m[2]==="desc"?"descending":"ascending");});}
        });
        if(!radios.some(function(r){return r.checked;}))radios[0].checked=true;
        }
        var ths=Array.prototype.slice.call(d.querySelectorAll("#tabel thead th[data-sort]")),sel=d.getElementById("ordine");
        var stages=["validat","cu-erori","fara-raportare"];
        var coll=window.Intl&&Intl.Collator?new Intl.Collator("ro",{numeric:true,sensitivity:"base"}):null;
        function key(r,col,type){
        var td=r.children[col];
        if(type==="num")return parseInt(td.textContent,10)||0;
        if(type==="date"){var t=td.querySelector("time");return t?Date.parse(t.getAttribute("datetime")):-1e15;}
        if(type==="stage")return stages.indexOf(r.getAttribute("data-stadiu"));
        return td.textContent.trim();
        }
        function sortBy(th,dir){
        var col=th.cellIndex,type=th.getAttribute("data-sort");
        var keyed=rows.map(function(r){return {r:r,k:key(r,col,type)};});
        keyed.sort(function(a,b){
        var c=typeof a.k==="number"?a.k-b.k:(coll?coll.compare(a.k,b.k):(a.k<b.k?-1:a.k>b.k?1:0));
        return c===0?a.r._i-b.r._i:(dir==="descending"?-c:c);
        });
        keyed.forEach(function(x){tb.appendChild(x.r);});
        ths.forEach(function(h){if(h===th)h.setAttribute("aria-sort",dir);else h.removeAttribute("aria-sort");});
        sorted=" Ordonat după „"+th.textContent.trim()+"”, "+(dir==="ascending"?"crescător":"descrescător")+".";
        order=th.getAttribute("data-key")+(dir==="ascending"?"-asc":"-desc");
        if(sel)sel.value=order;
        }
        ths.forEach(function(th){
        var b=d.createElement("button");
        b.type="button";b.className="sort";
        while(th.firstChild)b.appendChild(th.firstChild);
        th.appendChild(b);
        b.addEventListener("click",function(){sortBy(th,th.getAttribute("aria-sort")==="ascending"?"descending":"ascending");apply(true);});
        });
        Array.prototype.forEach.call(d.querySelectorAll(".ordonare"),function(e){e.hidden=false;});
        if(sel)sel.addEventListener("change",function(){
        var m=/^([a-z-]+)-(asc|desc)$/.exec(sel.value);
        ths.forEach(function(th){if(m&&th.getAttribute("data-key")===m[1])sortBy(th,m[2]==="desc"?"descending":"ascending");});
        apply(true);
        });
        var folded=[];
        window.addEventListener("beforeprint",function(){
        folded=Array.prototype.filter.call(d.querySelectorAll("details.mai"),function(x){return !x.open;});
        folded.forEach(function(x){x.open=true;});
        });
        window.addEventListener("afterprint",function(){folded.forEach(function(x){x.open=false;});folded=[];});
        load();
        box.hidden=false;
        radios.forEach(function(r){r.addEventListener("change",function(){apply(true);});});
        q.addEventListener("input",function(){apply(true);});
        q.addEventListener("keydown",function(e){if(e.key==="Escape"&&q.value){q.value="";apply(true);}});
        window.addEventListener("hashchange",function(){load();apply(false);});
        apply(false);
        })();

        """
}
