@testable import CCMStore
import CCMCore
import CCMTestSupport
import Foundation
import XCTest

/// The plan a prepared statement keeps (its generic plan) must be the one it was written for
/// whatever the planner knows of the tables: on an empty database, on one the run has filled
/// without statistics gathered yet (what a first month's run sees until autovacuum comes), and
/// on one analyzed. Read from EXPLAIN of the generic plan, not from timings: every hot statement
/// reaches a growing table through an index condition of the index named, never by a sequential
/// scan or a walk of a whole index with the key as a filter.
final class PlanStabilityTests: XCTestCase {
    private var database: TestDatabase!
    private var db: Connection { database.db }

    /// Tables a run fills: their statistics lag behind them.
    static let growing: Set<String> = ["certificate_versions", "certificate_current", "documents", "document_reasons", "ingest_queue"]

    /// The months whose partitions exist in every state under test; the hot statements' month is the last.
    static let months = ["2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"]
    static let month = YearMonth("2026-10")!

    override func setUpWithError() throws {
        database = try TestDatabase()
        for m in PlanStabilityTests.months { try db.exec("SELECT certificate_versions_partition($1::date)", [m]) }
        // The state under test stays as it is made: no autovacuum analyzes behind the test's back.
        let partitions = try db.exec("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'certificate_versions'::regclass")
        for t in PlanStabilityTests.growing.subtracting(["certificate_versions"]).union(partitions.compactMap { $0[0] }) {
            try db.exec("ALTER TABLE \(t) SET (autovacuum_enabled = false)")
        }
    }

    override func tearDown() { database?.drop() }

    /// Each hot statement of an ingest and a revalidation, with the indexes its plan must use.
    static func hotStatements() -> [(name: String, statement: Statement, indexes: Set<String>)] {
        let keys = [HistoryStore.Keys(serie: "CCMBN", numar: "1", chain: ChainKey(serie: "CCMBN", numar: "1"), cnp: "1500101020021",
                                      cnpCopil: nil)]
        let floor = QueueStore.Floor(receivedAt: "2026-11-10 08:00:00+00", path: "/inbox/a.xml")
        let id = UUID(uuidString: "13416dfb-6f0c-0103-0b28-4bb32f86a375")!
        let at = Date(timeIntervalSince1970: 1_794_000_000)
        let supersede = CertificateVersions.supersede(documentId: 1, luna: month, at: at)
        let verdict = HistoryStore.recordVerdict(versionId: 1, luna: month, status: .valid, findings: [], at: at)
        let enqueue = QueueStore.enqueue([.init(path: "/inbox/a.xml", size: 1, mtime: at, receivedAt: at)], runStarted: at)
        return [
            ("history of a batch", HistoryStore.neighbours(batch: keys, documentId: nil).statement,
             ["certificate_current_number", "certificate_current_chain", "certificate_current_cnp", "certificate_current_child"]),
            ("earlier records of the bytes", DocumentStore.earlier(sha256: "ab").statement, ["documents_sha256"]),
            ("header facts", RegistryStore.headerFacts(cui: "10000008", luna: YearMonth("2026-10")!, idDocument: id, takingId: true).statement,
             ["documents_registered_id", "documents_one_initial"]),
            ("registered IdDocument", DocumentStore.registered(idDocument: id), ["documents_registered_id"]),
            ("a provider's pads and doctors", PractitionerStore.facts(cui: "10000008").statement, ["pads_cui", "doctors_pkey"]),
            ("a signer enrolled at receipt", SignerStore.isActive(cui: "10000008", sha: "ab", at: at).statement,
             ["signer_versions_at_receipt"]),
            ("move recorded", DocumentStore.setMovingTo(1, "/x"), ["documents_pkey"]),
            ("move confirmed", DocumentStore.markStored(1, as: "/x"), ["documents_pkey"]),
            ("a group's moves confirmed", DocumentStore.markStored([(1, "/x"), (2, "/y")])!, ["documents_pkey"]),
            ("rectificative supersedes", supersede[0],
             ["certificate_versions_position", "certificate_current_number", "certificate_versions_pkey"]),
            ("revalidation ends a version", verdict[0], ["certificate_versions_pkey"]),
            ("revalidation's new version", verdict[1], ["certificate_versions_pkey", "certificate_current_number"]),
            ("a lone signature's document", DocumentStore.placedPaths(fileName: "a.xml"), ["documents_file_name"]),
            ("arrivals queued", enqueue[0], []),
            ("arrivals queued again", enqueue[1], ["ingest_queue_path_size_bytes_mtime_key"]),
            ("claim", QueueStore.claim(after: nil), ["ingest_queue_waiting"]),
            ("claim after the floor", QueueStore.claim(after: floor), ["ingest_queue_waiting"]),
            ("first waiting", QueueStore.firstWaiting(before: floor, after: floor), ["ingest_queue_waiting"]),
            ("take if free", QueueStore.takeIfFree(1), ["ingest_queue_pkey"]),
            ("wait for a claim", QueueStore.waitFor(1), ["ingest_queue_pkey"]),
            ("claim finished", QueueStore.finish(QueueStore.Claim(id: 1, path: "/x", receivedAt: at, afterOthers: false, key: floor))[0],
             ["ingest_queue_pkey"]),
        ]
    }

    /// One scan of a table in a plan.
    struct Scan: CustomStringConvertible {
        var node: String, relation: String?, index: String?, condition: String?, filter: String?
        var description: String {
            "\(node) \(index ?? relation ?? "?")" + (condition.map { " cond: \($0)" } ?? "") + (filter.map { " filter: \($0)" } ?? "")
        }
    }

    /// The scans of `st`'s generic plan: the plan a prepared statement keeps once chosen, with
    /// the partitions its parameters' values leave when it starts (its text parameters are
    /// given, its binary ones NULL).
    func genericPlan(_ st: Statement) throws -> [Scan] {
        try db.exec("PREPARE plan_probe AS " + st.sql)
        defer { _ = try? db.exec("DEALLOCATE plan_probe") }
        try db.exec("SET plan_cache_mode = force_generic_plan")
        defer { _ = try? db.exec("RESET plan_cache_mode") }
        let values = st.params.map { $0.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }
            + Array(repeating: "NULL", count: st.binary.count)
        let args = values.isEmpty ? "" : "(" + values.joined(separator: ", ") + ")"
        let json = try XCTUnwrap(db.exec("EXPLAIN (FORMAT JSON) EXECUTE plan_probe" + args).first?[0])
        let top = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        var scans: [Scan] = []
        func walk(_ node: [String: Any]) {
            let type = node["Node Type"] as? String ?? ""
            if type.hasSuffix("Scan"), node["Relation Name"] != nil || node["Index Name"] != nil {
                scans.append(Scan(node: type, relation: node["Relation Name"] as? String, index: node["Index Name"] as? String,
                                  condition: node["Index Cond"] as? String, filter: node["Filter"] as? String))
            }
            for child in node["Plans"] as? [[String: Any]] ?? [] { walk(child) }
        }
        for t in top { if let plan = t["Plan"] as? [String: Any] { walk(plan) } }
        return scans
    }

    /// Which table an index belongs to, and its predicate (a partial index's); a partition's
    /// index as its partitioned table's (the index and table the statement names).
    func describe(index: String) throws -> (name: String, table: String?, predicate: String?) {
        let r = try db.exec("""
            SELECT pg_partition_root(indexrelid)::regclass::text AS i, pg_partition_root(indrelid)::regclass::text AS t,
                   pg_get_expr(indpred, indrelid) AS p
            FROM pg_index WHERE indexrelid = $1::regclass
            """, [index]).first
        return (r?["i"] ?? index, r?["t"], r?["p"])
    }

    /// A partition's table by its partitioned table's name; another table by its own.
    func root(_ table: String) throws -> String {
        try db.exec("SELECT pg_partition_root($1::regclass)::regclass::text AS t", [table]).first?["t"] ?? table
    }

    /// Every hot statement's generic plan uses its indexes, each through a condition.
    func assertPlansAsWritten(_ state: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for (name, st, indexes) in PlanStabilityTests.hotStatements() {
            let scans = try genericPlan(st)
            let plan = scans.map(\.description).joined(separator: "; ")
            let used = Set(try scans.compactMap(\.index).map { try describe(index: $0).name })
            XCTAssertTrue(indexes.isSubset(of: used), "\(state), \(name): expected \(indexes.sorted()), plan: \(plan)", file: file, line: line)
            for s in scans {
                let index = try s.index.map(describe)
                guard let table = try s.relation.map(root) ?? index?.table, PlanStabilityTests.growing.contains(table) else { continue }
                XCTAssertNotEqual(s.node, "Seq Scan", "\(state), \(name): a sequential scan of \(table): \(plan)", file: file, line: line)
                // A whole index walked, the key checked row by row (a row lock rechecks the
                // index's own predicate: that filter is no key).
                let keyFilter = s.filter.map { $0 != index?.predicate && $0 != index?.predicate.map { "(\($0))" } } ?? false
                XCTAssertFalse(s.index != nil && s.condition == nil && keyFilter,
                               "\(state), \(name): \(s) walks the whole index: \(plan)", file: file, line: line)
            }
        }
    }

    /// The tables' statistics as the planner reads them (reltuples -1: never gathered).
    func reltuples(_ table: String) throws -> Double {
        try XCTUnwrap(db.exec("SELECT reltuples FROM pg_class WHERE oid = $1::regclass", [table]).first?["reltuples"].flatMap(Double.init))
    }

    /// 50,000 current versions of one series in 2,500 registered documents over six months (a
    /// tenth of them continuations), 50,000 arrivals done, and a national registry (100,000 pads, 60,000
    /// doctors, 20,000 signers).
    static let load = """
        INSERT INTO documents (file_name, sha256, size_bytes, status, id_document, cui, luna, tip, received_at)
        SELECT 'CCM_' || g || '.xml', md5(g::text) || md5((g + 1)::text), 1000, 'INREGISTRAT', md5('id' || g)::uuid,
               (1000000 + g)::text, (date '2026-05-01' + (g % 6) * interval '1 month')::date, 'INITIALA',
               '2026-11-10T08:00:00Z'::timestamptz + g * interval '1 second'
        FROM generate_series(1, 2500) g;
        INSERT INTO certificate_versions (document_id, position, cui, luna, serie, numar, status, valid_from, data_acordarii, tip,
            initial_serie, initial_numar, initial_data, cnp, inceput, sfarsit, zile)
        SELECT d.id, p, d.cui, d.luna, 'CCMBN', (d.id * 100 + p)::text, 'VALID', d.received_at, '2026-10-05',
               CASE WHEN p % 10 = 0 THEN 'CONTINUARE' ELSE 'INITIAL' END, CASE WHEN p % 10 = 0 THEN 'CCMBN' END,
               CASE WHEN p % 10 = 0 THEN (d.id * 100 + p - 1)::text END, CASE WHEN p % 10 = 0 THEN '2026-10-01'::date END,
               (1500101000000 + d.id * 100 + p)::text, '2026-10-05', '2026-10-08', 4
        FROM documents d, generate_series(1, 20) p;
        INSERT INTO certificate_current (\(Migrations.currentColumns))
        SELECT \(Migrations.currentColumns) FROM certificate_versions WHERE valid_to IS NULL;
        INSERT INTO ingest_queue (path, size_bytes, mtime, received_at, state, done_at)
        SELECT '/inbox/CCM_' || g || '.xml', 1000, now(), '2026-11-10T08:00:00Z'::timestamptz + g * interval '1 second', 'GATA', now()
        FROM generate_series(1, 50000) g;
        INSERT INTO pads (serie, numar_de_la, numar_pana_la, cui, data_distribuirii)
        SELECT 'CCMBN', g * 100, g * 100 + 99, (1000000 + g % 20000)::text, '2026-01-01' FROM generate_series(1, 100000) g;
        INSERT INTO doctors (cui, parafa, nume, activ_de_la)
        SELECT (1000000 + g % 20000)::text, 'P' || g, 'Medic', '2020-01-01' FROM generate_series(1, 60000) g;
        INSERT INTO signer_versions (cui, cert_sha256, nume, rol, stare, valid_from, decided_by)
        SELECT (1000000 + g)::text, encode(sha256(g::text::bytea), 'hex'), 'Semnatar', 'REPREZENTANT_LEGAL', 'ACTIV', '2026-01-01', 'CAS'
        FROM generate_series(1, 20000) g;
        """

    /// The rules' lookups read the unpartitioned current versions alone, never a partition.
    func assertLookupsReadTheCurrentVersions(_ state: String) throws {
        let st = HistoryStore.neighbours(batch: [HistoryStore.Keys(serie: "CCMBN", numar: "1", chain: ChainKey(serie: "CCMBN", numar: "1"),
                                                                   cnp: "1500101020021", cnpCopil: "5200101020021")], documentId: nil).statement
        let tables = Set(try genericPlan(st).compactMap(\.relation))
        XCTAssertEqual(tables, ["certificate_current"], state)
    }

    /// What reads or changes a month's versions reaches its month's partition alone: the
    /// centralizer's and status's month queries, revalidation's, and what ends a version.
    func assertMonthStatementsPrune(_ state: String) throws {
        let month = PlanStabilityTests.month, at = Date(timeIntervalSince1970: 1_794_000_000)
        let params = [month.firstDay.description, Timestamps.sql(at)]
        let statements: [(String, Statement)] = [
            ("certificate counts", Statement(MonthStore.certificateCounts, params)),
            ("certificate findings", Statement(MonthStore.certificateFindings, params)),
            ("failing certificates", Statement(StatusStore.failingCertificatesQuery, [params[0], nil, params[1]])),
            ("revalidation's month", Statement(HistoryStore.currentWithErrorsQuery, [params[0]])),
            ("rectificative supersedes", CertificateVersions.supersede(documentId: 1, luna: month, at: at)[0]),
        ] + HistoryStore.recordVerdict(versionId: 1, luna: month, status: .valid, findings: [], at: at).map { ("new verdict", $0) }
        for (name, st) in statements {
            let scans = try genericPlan(st)
            let partitions = try scans.compactMap(\.relation).filter { try root($0) == "certificate_versions" }
            XCTAssertFalse(partitions.isEmpty, "\(state), \(name): \(scans)")
            XCTAssertEqual(Set(partitions), ["certificate_versions_y2026m10"], "\(state), \(name): \(scans)")
        }
    }

    /// Every check of the plans, in one state of the tables.
    func assertEveryPlan(_ state: String) throws {
        try assertPlansAsWritten(state)
        try assertLookupsReadTheCurrentVersions(state)
        try assertMonthStatementsPrune(state)
    }

    func testPlansOnAnEmptyDatabase() throws {
        XCTAssertLessThan(try reltuples("certificate_current"), 0, "never analyzed")
        try assertEveryPlan("empty")
    }

    /// What bit a first run: the tables filled, their statistics not gathered yet.
    func testPlansOnALoadedDatabaseWithoutStatistics() throws {
        try db.execScript(PlanStabilityTests.load)
        XCTAssertLessThan(try reltuples("certificate_current"), 0, "never analyzed")
        XCTAssertLessThan(try reltuples("certificate_versions_y2026m10"), 0, "never analyzed")
        try assertEveryPlan("loaded, not analyzed")
    }

    func testPlansOnALoadedAnalyzedDatabase() throws {
        try db.execScript(PlanStabilityTests.load)
        try db.execScript("ANALYZE")
        XCTAssertEqual(try reltuples("certificate_current"), 50_000)
        try assertEveryPlan("loaded, analyzed")
    }

    /// Analyzed while still empty (a VACUUM ANALYZE right after the migrations): the planner
    /// believes the tables empty until their next analysis, and a generic plan made then scans
    /// them whole. Such a run plans each call for the table as it is (custom plans); the
    /// others run the generic plans read above.
    func testAnEmptyAnalyzedDatabaseIsPlannedAtEachCall() throws {
        let mode = { try self.db.exec("SHOW plan_cache_mode").first?[0] }
        XCTAssertFalse(try db.believedEmpty())
        XCTAssertEqual(try db.planningForKeys(mode), "force_generic_plan")
        try db.execScript("ANALYZE")
        XCTAssertEqual(try reltuples("certificate_current"), 0)
        XCTAssertTrue(try db.believedEmpty())
        XCTAssertEqual(try db.planningForKeys(mode), "force_custom_plan")
        XCTAssertEqual(try mode(), "auto", "for the run only")
        try db.execScript(PlanStabilityTests.load)
        try db.execScript("ANALYZE")
        XCTAssertEqual(try db.planningForKeys(mode), "force_generic_plan")
    }
}

/// How a run plans its statements, read from the session's prepared statements after it.
final class RunPlanningTests: DatabaseTestCase {
    /// A CUI with a valid control digit.
    static func cui(_ base: Int) -> String {
        let digits = String(format: "%09d", base).compactMap(\.wholeNumberValue)
        let r = zip(digits, [7, 5, 3, 2, 1, 7, 5, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 } * 10 % 11
        return "\(base)\(r == 10 ? 0 : r)"
    }

    /// Eight providers' INITIALA, each through the history lookup.
    func ingestEight() throws -> (generic: Int, custom: Int) {
        let cuis = (0..<8).map { RunPlanningTests.cui(1_000_000 + $0 * 7919) }
        for c in cuis { try registerProvider(c) }
        try drop(cuis.enumerated().map { i, c in
            ("\(i).xml", Fixture.document(cui: c, certificates: Fixture.certs(3, from: 4_400_100 + i * 10)))
        })
        let summary = try ingest()
        XCTAssertEqual(summary.outcomes.map(\.status), Array(repeating: .inregistrat, count: 8))
        let row = try XCTUnwrap(db.exec("""
            SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%LATERAL (SELECT * FROM certificate_current%'
            """).first)
        XCTAssertEqual(try db.exec("SHOW plan_cache_mode").first?[0], "auto", "the run's setting ends with it")
        return (row.int("generic_plans") ?? -1, row.int("custom_plans") ?? -1)
    }

    /// The plan PlanStabilityTests reads, from the first call: not planned again at each call
    /// for a batch of a few keys, nor a plan chosen by what the first calls found.
    func testARunUsesTheGenericPlanOfTheHistoryLookup() throws {
        let plans = try ingestEight()
        XCTAssertEqual(plans.generic, 8)
        XCTAssertEqual(plans.custom, 0)
    }

    /// On tables analyzed while empty, every call is planned for the table as it is then.
    func testARunOnTablesAnalyzedWhileEmptyPlansEachCall() throws {
        try db.execScript("ANALYZE")
        let plans = try ingestEight()
        XCTAssertEqual(plans.generic, 0)
        XCTAssertEqual(plans.custom, 8)
    }
}
