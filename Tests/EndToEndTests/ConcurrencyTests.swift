import CCMApp
import CCMRuntime
import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// Several processes at once (`06-quality-targets.md` "Reliability"): four `ccm ingest` and a
/// `ccm nightly` on one inbox end exactly where one `ccm nightly` ends; a registry import
/// during an ingest is seen by each document whole or not at all.
final class ConcurrencyTests: DatabaseTestCase {

    func env(_ db: TestDatabase, home: URL) -> [String: String] {
        ["CCM_DATABASE_URL": db.url, "CCM_HOME": home.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
    }

    /// A copy of SampleData's on-time folder; every file is received at the same moment
    /// (`--received-at`: the change time of a copy is when it was made).
    func inboxCopy(_ name: String) throws -> URL {
        let copy = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Paths.sampleData.appendingPathComponent("inbox"), to: copy)
        return copy
    }

    /// Settled at once too: SampleData's upload cut short is judged, not left for a minute.
    var receivedAt: [String] { ["--received-at", "2026-11-10T10:00:00+02:00", "--settle-seconds", "0"] }

    func prepare(_ env: [String: String]) throws {
        let files = ["furnizori", "medici", "carnete", "semnatari"].map { Paths.sampleData.appendingPathComponent("registry/\($0).csv").path }
        let r = try CLI.run(["registry", "import", "--at", "2026-11-01T00:00:00+02:00"] + files, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let t = try CLI.run(["trust", "add"] + ["root-ca.pem", "intermediate-ca.crl.pem"].map {
            Paths.sampleData.appendingPathComponent("pki/trust/\($0)").path }, env: env)
        XCTAssertEqual(t.status, 0, t.stderr)
    }

    func testFourIngestsAndANightlyOnOneInboxEndInTheSingleWorkerState() throws {
        let single = try TestDatabase()
        defer { single.drop() }
        let singleHome = folder.appendingPathComponent("home-1"), manyHome = folder.appendingPathComponent("home-5")
        let one = env(single, home: singleHome), many = env(database, home: manyHome)
        try prepare(one)
        try prepare(many)

        let inbox1 = try inboxCopy("inbox-1")
        let r = try CLI.run(["nightly", "--inbox", inbox1.path] + receivedAt, env: one)
        XCTAssertEqual(r.status, 0, r.stderr)

        let inbox5 = try inboxCopy("inbox-5")
        let commands = Array(repeating: ["ingest", "--inbox", inbox5.path] + receivedAt, count: 4) + [["nightly", "--inbox", inbox5.path] + receivedAt]
        let ran = Locked([CLI.Result?](repeating: nil, count: commands.count))
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            let r = try? CLI.run(commands[i], env: many)
            ran.update { $0[i] = r }
        }
        let results = ran.current
        for (i, r) in results.enumerated() {
            XCTAssertEqual(r?.status, 0, "\(commands[i]): \(r?.stderr ?? "did not run")")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox5.path), [], "every file taken, none left")
        let expected = try dump(single.db, home: singleHome), got = try dump(db, home: manyHome)
        XCTAssertGreaterThan(expected.count, 100)
        XCTAssertEqual(got, expected)
    }

    /// Registry A: every convention over before October (F07), doctors whose parafa the
    /// documents do not use. Registry B: conventions in force, the documents' doctor. B is
    /// imported (providers, then 20,000 doctors) while the documents are judged: each must be
    /// judged against A or against B, never against B's providers with A's doctors (C18).
    func testARegistryImportDuringAnIngestIsSeenWholeOrNotAtAll() throws {
        let gen = folder.appendingPathComponent("gen")
        let made = try Subprocess.run("/usr/bin/python3", [Paths.repo.appendingPathComponent("scripts/gen-month.py").path,
                                                             "--providers", "400", "--certs", "3", "--seed", "7", "--out", gen.path])
        XCTAssertEqual(made.status, 0, made.output)
        let providers = try String(contentsOf: gen.appendingPathComponent("furnizori.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = "cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip"
        func furnizori(until: String) -> String {
            ([header] + providers.map { p in var p = p; p[5] = until; return p.joined(separator: ",") }).joined(separator: "\n") + "\n"
        }
        func medici(parafa: (Int) -> String) -> String {
            (["cui,parafa,nume,activ_de_la,activ_pana_la"] + providers.flatMap { p in
                (0..<50).map { i in "\(p[0]),\(parafa(i)),Medic \(i),2020-01-01," }
            }).joined(separator: "\n") + "\n"
        }
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        for d in [a, b] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try furnizori(until: "2026-09-30").write(to: a.appendingPathComponent("furnizori.csv"), atomically: true, encoding: .utf8)
        try medici { "Z\(10000 + $0)" }.write(to: a.appendingPathComponent("medici.csv"), atomically: true, encoding: .utf8)
        try furnizori(until: "").write(to: b.appendingPathComponent("furnizori.csv"), atomically: true, encoding: .utf8)
        try medici { $0 == 0 ? "A12345" : "Y\(10000 + $0)" }.write(to: b.appendingPathComponent("medici.csv"), atomically: true, encoding: .utf8)

        let e = env(database, home: folder.appendingPathComponent("home"))
        let first = try CLI.run(["registry", "import", "--at", "2026-11-01T00:00:00+02:00",
                                 a.appendingPathComponent("furnizori.csv").path, a.appendingPathComponent("medici.csv").path], env: e)
        XCTAssertEqual(first.status, 0, first.stderr)

        let commands = [
            ["ingest", gen.appendingPathComponent("inbox").path, "--json", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00"],
            ["registry", "import", b.appendingPathComponent("furnizori.csv").path, b.appendingPathComponent("medici.csv").path],
        ]
        let ran = Locked([CLI.Result?](repeating: nil, count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 1 { Thread.sleep(forTimeInterval: 0.3) } // the ingest is under way
            let r = try? CLI.run(commands[i], env: e)
            ran.update { $0[i] = r }
        }
        let results = ran.current
        let ingest = results[0], change = results[1]
        XCTAssertEqual(change?.status, 0, change?.stderr ?? "")
        let lines = try XCTUnwrap(ingest).stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, providers.count)
        var before = 0, after = 0
        for line in lines {
            let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let fileCodes = (o["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            let certificateCodes = (o["certificates"] as? [[String: Any]] ?? []).flatMap {
                ($0["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
            switch o["status"] as? String {
            case "RESPINS" where fileCodes.contains("F07"): before += 1
            case "INREGISTRAT" where !certificateCodes.contains("C18"): after += 1
            default: XCTFail("\(o["file"] ?? ""): judged against half a registry: \(o["status"] ?? "") \(fileCodes) \(certificateCodes)")
            }
        }
        XCTAssertEqual(before + after, providers.count)
    }

    /// The database's content without ids, processing times or the home folder's path.
    func dump(_ db: Connection, home: URL) throws -> [String] {
        let queries = [
            """
            SELECT 'D', file_name, sha256, status, coalesce(cui, ''), coalesce(luna::text, ''), coalesce(nr_certificate, -1)::text,
                   coalesce(stored_as, ''), signature
            FROM documents ORDER BY file_name, sha256, status
            """,
            "SELECT 'R', d.file_name, r.seq::text, r.code, r.message FROM document_reasons r JOIN documents d ON d.id = r.document_id ORDER BY 2, 3",
            """
            SELECT 'V', d.file_name, v.position::text, v.serie, v.numar, v.status, v.errors::text, (v.valid_to IS NULL)::text, v.source
            FROM certificate_versions v JOIN documents d ON d.id = v.document_id ORDER BY 2, 3, v.source, v.valid_to IS NULL
            """,
        ]
        return try queries.flatMap { q in
            try db.exec(q).values.map { $0.map { $0 ?? "∅" }.joined(separator: "|").replacingOccurrences(of: home.path, with: "HOME") }
        }
    }
}
