import CCMCore
import Foundation

/// `centralizer --compare-to … --format html`: a small self-contained page, the centralizer page's
/// escaping, badges and stylesheet (plus a few rules of its own), under a CSP that allows that one
/// stylesheet and nothing else: no script, no fetch, no form.
public enum ComparisonHTML {
    public static func render(_ c: EditionComparison) -> String {
        let esc = CentralizerHTML.esc
        let month = Edition.monthName(c.luna)
        let title = "Ce s-a schimbat în tabelul centralizator – \(c.houseShortName) – luna \(month)"
        func time(_ d: Date) -> String {
            "<time datetime=\"\(esc(Bucharest.iso8601(d)))\">\(esc(Bucharest.wallClock(d)))</time>"
        }
        var h = HTMLPageHead.render(title: title, policy: contentSecurityPolicy, css: css) + """
            <div class="pagina">
            <header>
            <h1>\(esc(title))</h1>
            <p class="asof">Ediția din \(time(c.from)) comparată cu situația la \(time(c.to)) (ora României)</p>
            <p class="nota">Furnizorii al căror stadiu de procesare, număr de certificate raportate sau număr de certificate cu erori diferă între cele două ediții; ceilalți nu sunt listați. Tabelul nu conține date cu caracter personal.</p>
            </header>
            <main>
            <p class="total">\(esc(ComparisonWording.total(c.changes.count))).</p>
            <div class="cadru" role="region" aria-labelledby="tabel-titlu" tabindex="0">
            <table id="tabel">
            <caption id="tabel-titlu">Schimbări pe furnizori – luna \(esc(month)) (înainte → acum, în ordinea denumirii)</caption>
            <thead><tr>
            """
        for (i, col) in columns.enumerated() { h += "<th scope=\"col\" class=\"\(columnClass[i])\">\(esc(col))</th>" }
        h += "</tr></thead>\n<tbody>\n"
        for (i, ch) in c.changes.enumerated() { h += row(ch, number: i + 1, from: c.from) }
        if c.changes.isEmpty {
            h += "<tr><td colspan=\"\(columns.count)\" class=\"nimic\">Nicio schimbare între cele două ediții.</td></tr>\n"
        }
        h += """
            </tbody>
            </table>
            </div>
            </main>
            <footer><p>Ediția din \(time(c.from)) → situația la \(time(c.to)) · \(esc(c.houseShortName)) · luna \(esc(c.luna.description))</p></footer>
            </div>
            </body>
            </html>

            """
        return h
    }

    static let columns = ["Nr. crt.", "CUI", "Denumire furnizor", "Stadiu procesare", "Nr. certificate raportate",
                          "Nr. certificate cu erori", "Observații"]
    static let columnClass = ["c-nr num", "c-cui", "c-den", "c-st", "c-cert num", "c-cerr num", "c-obs"]

    static func row(_ ch: EditionChange, number: Int, from: Date) -> String {
        let esc = CentralizerHTML.esc
        func cell(_ i: Int, _ content: String, empty: Bool = false) -> String {
            "<td class=\"\(columnClass[i])\(empty ? " vid" : "")\" data-label=\"\(esc(columns[i]))\">\(content)</td>"
        }
        /// `before → after`, the arrow read out as "devine"; a side missing is a dash read as "absent".
        func change(_ value: (EditionFigures) -> String) -> String {
            let absent = "<span aria-hidden=\"true\">—</span><span class=\"sr\">absent</span>"
            let b = ch.before.map(value) ?? absent, a = ch.after.map(value) ?? absent
            guard b != a else { return "<span class=\"egal\">\(a)</span>" }
            return "<span class=\"schimbare\"><span class=\"inainte\">\(b)</span><span class=\"sageata\" aria-hidden=\"true\">→</span><span class=\"sr\"> devine </span><span class=\"acum\">\(a)</span></span>"
        }
        let stage = ch.after?.stage ?? ch.before?.stage ?? .faraRaportare
        let presence = ComparisonWording.presence(ch, from: from)
        var s = "<tr class=\"r-\(CentralizerHTML.slug(stage))\" data-cui=\"\(esc(ch.cui))\">"
        s += cell(0, "\(number)")
        s += cell(1, esc(ch.cui))
        s += cell(2, esc(ch.denumire))
        s += cell(3, change { CentralizerHTML.badge($0.stage) })
        s += cell(4, change { "\($0.nrCertificate)" })
        s += cell(5, change { "\($0.nrCertificateCuErori)" })
        s += cell(6, presence.map(esc) ?? "", empty: presence == nil)
        return s + "</tr>\n"
    }

    /// The centralizer page's stylesheet, then this page's few rules.
    static let css = CentralizerHTML.css + """
        .total{font-size:1.1rem;font-weight:700;margin:0 0 1rem}
        table{min-width:760px}
        .schimbare{display:inline-flex;flex-wrap:wrap;align-items:center;gap:.2em .45em}
        .sageata{color:var(--muted);font-weight:700}
        .c-st .schimbare{flex-wrap:nowrap}
        .c-cert .acum,.c-cerr .acum{font-weight:700}
        @media screen and (max-width:760px){table{min-width:0}.c-st .schimbare{flex-wrap:wrap}}
        @media print{table{min-width:0}}

        """

    static let contentSecurityPolicy =
        "default-src 'none'; style-src '\(CentralizerHTML.sha256(css))'; base-uri 'none'; form-action 'none'"
}
