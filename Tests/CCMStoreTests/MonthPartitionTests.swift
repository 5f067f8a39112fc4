import CCMApp
import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// `certificate_versions` in monthly partitions (`06-quality-targets.md`, "Beyond one machine"):
/// a month's partition is made by its first document whoever brings it, an old month is
/// detached and kept, and a database of the layout before is converted whole.
final class MonthPartitionTests: DatabaseTestCase {
    func partitions(_ db: Connection) throws -> [String] {
        try db.exec("""
            SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'certificate_versions'::regclass ORDER BY 1
            """).compactMap { $0["p"] }
    }

    /// A month's first document, from two `ccm ingest` processes at the same time: its partition
    /// is made once, and both documents are stored in it.
    func testTwoIngestsOfANewMonthsFirstDocumentsAtOnceMakeItsPartitionOnce() throws {
        try registerProvider(Fixture.cui)
        try registerProvider(Fixture.otherCui)
        XCTAssertEqual(try partitions(db), [], "a new database has no month yet")
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        for (dir, cui, from) in [(a, Fixture.cui, 4_400_100), (b, Fixture.otherCui, 4_400_200)] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(Fixture.document(cui: cui, certificates: Fixture.certs(3, from: from)).utf8).write(to: dir.appendingPathComponent("\(cui).xml"))
        }
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.appendingPathComponent("home").path,
                   "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        let runs = [a, b].map { ["ingest", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00", "--settle-seconds", "0", $0.path] }
        let results = Locked([CLI.Result?](repeating: nil, count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? CLI.run(runs[i], env: env)
            results.update { $0[i] = r }
        }
        for r in results.current { XCTAssertEqual(r?.status, 0, r?.stderr ?? "did not run") }
        XCTAssertEqual(try partitions(db), ["certificate_versions_y2026m10"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE status = 'INREGISTRAT'"), 2)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions_y2026m10"), 6)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_current"), 6)
    }

    /// Two transactions asking for the same new month: the second waits for the first's end
    /// and finds the partition made; making one does not wait for another transaction's
    /// writes to the table (ATTACH, not CREATE TABLE … PARTITION OF).
    func testTwoTransactionsAskingForTheSameNewMonthMakeItOnceWithoutWaitingForWriters() throws {
        let b = try Connection(database.url)
        try b.exec("SELECT certificate_versions_partition('2026-09-01')")
        // b writes to September and stays open.
        try b.exec("BEGIN")
        try b.exec("""
            INSERT INTO certificate_versions (document_id, position, cui, luna, serie, numar, status, valid_from)
            VALUES (1, 1, '31001235', '2026-09-01', 'CCMBN', '1', 'VALID', now())
            """)
        // a makes October meanwhile, without waiting for b, and keeps its transaction open for 0.5 s.
        let url = database.url
        let made = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let failure = Locked<String?>(nil)
        Thread {
            do {
                let a = try Connection(url)
                try a.exec("SET statement_timeout = '5s'")
                try a.exec("BEGIN")
                try a.exec("SELECT certificate_versions_partition('2026-10-15')")
                made.signal()
                Thread.sleep(forTimeInterval: 0.5)
                try a.exec("COMMIT")
            } catch { failure.update { $0 = "\(error)" }; made.signal() }
            done.signal()
        }.start()
        XCTAssertEqual(made.wait(timeout: .now() + 10), .success)
        XCTAssertNil(failure.current, "a made October without waiting for b's writes")
        // b asks for October too: it waits for a's end, then finds it made.
        let start = Date()
        try b.exec("SELECT certificate_versions_partition('2026-10-01')")
        XCTAssertGreaterThan(Date().timeIntervalSince(start), 0.3, "b waited for a's partition")
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertNil(failure.current)
        try b.exec("ROLLBACK")
        XCTAssertEqual(try partitions(db), ["certificate_versions_y2026m09", "certificate_versions_y2026m10"])
    }

    /// The earliest month the rules of the open months read: December of the year before the
    /// oldest open month's (C14's yearly sums), or the longest chain back, if further.
    func testTheRulesLookBackToTheYearBeforeTheOldestOpenMonth() throws {
        let sets = SharedSchema.rules.judge.config.sets
        let december2026 = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00Z")!
        XCTAssertEqual(MonthDetachment.earliestRead(now: december2026, sets: sets), YearMonth("2025-12"))
        let february2027 = ISO8601DateFormatter().date(from: "2027-02-10T10:00:00Z")!
        XCTAssertEqual(MonthDetachment.earliestRead(now: february2027, sets: sets), YearMonth("2025-12"))
        // Open: January to March 2027; January's certificates may start in December 2026.
        let april2027 = ISO8601DateFormatter().date(from: "2027-04-10T10:00:00Z")!
        XCTAssertEqual(MonthDetachment.earliestRead(now: april2027, sets: sets), YearMonth("2025-12"))
        let may2027 = ISO8601DateFormatter().date(from: "2027-05-10T10:00:00Z")!
        // Open: February to April 2027: the chain of 183 days reaches back further than the year.
        XCTAssertEqual(MonthDetachment.earliestRead(now: may2027, sets: sets), YearMonth("2026-08"))
        // A chain limit of two years reaches further back than the yearly sums.
        var long = sets
        long[0].limits.append(DurationLimit(description: "lanț lung", codes: ["01"], place: nil, scope: .lant, max: 730))
        XCTAssertEqual(MonthDetachment.earliestRead(now: december2026, sets: long), YearMonth("2024-09"))
    }

    /// Versions of `luna` as an ingest leaves them: a document, its versions (one ended), the current ones.
    func storeMonth(_ luna: String, cui: String, from numar: Int) throws {
        try db.exec("SELECT certificate_versions_partition($1::date)", [luna + "-01"])
        try db.execScript("""
            INSERT INTO documents (file_name, sha256, size_bytes, status, id_document, cui, luna, tip, received_at)
            VALUES ('CCM_\(cui)_\(luna).xml', md5('\(cui)\(luna)'), 1000, 'INREGISTRAT', md5('id\(cui)\(luna)')::uuid, '\(cui)',
                    '\(luna)-01', 'INITIALA', '\(luna)-01'::date + interval '40 days');
            INSERT INTO certificate_versions (document_id, position, cui, luna, serie, numar, status, valid_from, valid_to,
                data_acordarii, tip, cnp, nume, inceput, sfarsit, zile)
            SELECT d.id, p, d.cui, d.luna, 'CCMBN', (\(numar) + p)::text, 'VALID', d.received_at,
                   CASE WHEN p = 3 THEN d.received_at + interval '1 day' END, d.luna + 4, 'INITIAL', '1500101020021', 'Pop',
                   d.luna + 4, d.luna + 7, 4
            FROM documents d, generate_series(1, 3) p WHERE d.cui = '\(cui)' AND d.luna = '\(luna)-01';
            INSERT INTO certificate_current (\(Migrations.currentColumns))
            SELECT \(Migrations.currentColumns) FROM certificate_versions WHERE luna = '\(luna)-01' AND valid_to IS NULL;
            """)
    }

    func month(_ offset: Int) -> String {
        var m = Bucharest.localDate(of: Date()).yearMonth
        for _ in 0..<offset { m = m.previous }
        return m.description
    }

    /// An old month leaves the partitioned table for a table of its own, whole, and the rules'
    /// lookups no longer see it; a second run finds it done.
    func testAnOldMonthIsDetachedKeptWholeAndLeavesTheRulesLookups() throws {
        let old = month(30), recent = month(4)
        try storeMonth(old, cui: Fixture.cui, from: 4_400_000)
        try storeMonth(recent, cui: Fixture.cui, from: 4_500_000)
        let before = try db.exec("SELECT * FROM certificate_versions WHERE luna = $1::date ORDER BY id", [old + "-01"]).values
        XCTAssertEqual(before.count, 3)
        let env = ["CCM_HOME": folder.appendingPathComponent("home").path]
        let r = try CLI.run(["db", "detaseaza", "--luna", old, "--database-url", database.url], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let table = "certificate_versions_y" + old.replacingOccurrences(of: "-", with: "m") + "_detasata"
        XCTAssertEqual(r.stdout, "luna \(old) detașată în tabelul \(table); 2 versiuni curente scoase din căutările regulilor\n")
        XCTAssertEqual(try db.exec("SELECT * FROM \(table) ORDER BY id").values, before, "nothing lost")
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE luna = $1::date", [old + "-01"]), 0)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_current WHERE luna = $1::date", [old + "-01"]), 0)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_current"), 2, "the recent month's stay")
        let history = try HistoryStore(db).neighbours(serie: "CCMBN", numar: "4400001", chain: ChainKey(serie: "CCMBN", numar: "4400001"),
                                                      cnp: "1500101020021", cnpCopil: nil, documentId: nil)
        XCTAssertEqual(history.map(\.luna.description), [recent, recent], "the rules see the months kept")

        let again = try CLI.run(["db", "detaseaza", "--luna", old, "--database-url", database.url], env: env)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "luna \(old) era deja detașată, în tabelul \(table)\n")
        XCTAssertEqual(try db.exec("SELECT * FROM \(table) ORDER BY id").values, before)
    }

    /// A month the open months' rules still read is refused (exit 1), and nothing changes.
    func testAMonthTheRulesStillReadIsRefused() throws {
        let recent = month(4)
        try storeMonth(recent, cui: Fixture.cui, from: 4_500_000)
        let r = try CLI.run(["db", "detaseaza", "--luna", recent, "--database-url", database.url],
                            env: ["CCM_HOME": folder.appendingPathComponent("home").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("luna \(recent) nu poate fi detașată: regulile lunilor deschise citesc încă"), r.stderr)
        XCTAssertEqual(try partitions(db), ["certificate_versions_y" + recent.replacingOccurrences(of: "-", with: "m")])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_current"), 2)
    }

    /// The partitions' lock has one number: the one migration 17's function takes, which
    /// `ccm db detaseaza` takes too; no other lock of ccm shares it.
    func testThePartitionLockIsTheMigrationsOwn() throws {
        let step = try XCTUnwrap(Migrations.all.first { $0.version == 17 })
        let taken = try NSRegularExpression(pattern: #"pg_advisory_xact_lock\((\d+)\)"#)
        let keys = Migrations.all.flatMap { m in
            taken.matches(in: m.sql, range: NSRange(m.sql.startIndex..., in: m.sql)).compactMap { Range($0.range(at: 1), in: m.sql).map { String(m.sql[$0]) } }
        }
        XCTAssertTrue(step.sql.contains("pg_advisory_xact_lock(\(PartitionStore.lockKey))"))
        XCTAssertEqual(Set(keys), [PartitionStore.lockKey], "every lock a migration takes by number")
        let all = [Migrations.lockKey, IngestLocks.ingest, NotificationStore.senderLock, RegistryLock.key, PartitionStore.lockKey]
        XCTAssertEqual(Set(all).count, all.count)
    }

    /// A document of a detached month is neither judged nor stored, nor does it make the month
    /// a new partition: it goes to quarantine with a Romanian line naming the month (no personal
    /// data), the run ends as for a refused file (exit 0), and a rerun finds nothing to do.
    func testADocumentOfADetachedMonthGoesToQuarantineUnjudged() throws {
        let old = month(30)
        try registerProvider(Fixture.cui)
        try storeMonth(old, cui: Fixture.cui, from: 4_400_000)
        guard case .detached = try PartitionStore(db).detach(try XCTUnwrap(YearMonth(old))) else { return XCTFail("not detached") }
        let partitionsBefore = try partitions(db)
        let tables = "SELECT count(*) FROM pg_class WHERE relname LIKE 'certificate_versions%' AND relkind IN ('r', 'p')"
        let counts = { [try self.database.count("SELECT count(*) FROM documents"), try self.database.count("SELECT count(*) FROM certificate_versions"),
                        try self.database.count("SELECT count(*) FROM certificate_current"), try self.database.count(tables)] }
        let before = try counts()
        var c = Fixture.Cert()
        c.numar = "4400900"; c.data = old + "-06"; c.inceput = old + "-06"; c.sfarsit = old + "-09"
        let name = "CCM_\(Fixture.cui)_\(old)_R_1.xml"
        try drop([(name, Fixture.document(tip: "RECTIFICATIVA", luna: old, certificates: [{ var m = c; m.operatie = "ADAUGARE"; return m }()]))])
        let quarantine = folder.appendingPathComponent("carantina"), archive = folder.appendingPathComponent("arhiva")
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.appendingPathComponent("home").path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        let args = ["ingest", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00", "--settle-seconds", "0", "--json",
                    "--inbox", inbox.path, "--quarantine", quarantine.path, "--archive", archive.path]
        let r = try CLI.run(args, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let target = quarantine.appendingPathComponent(old).appendingPathComponent(name).path
        XCTAssertTrue(FileManager.default.fileExists(atPath: target), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: inbox.appendingPathComponent(name).path))
        let line = try XCTUnwrap(r.stderr.split(separator: "\n").first { $0.contains(name) }.map(String.init), r.stderr)
        XCTAssertTrue(line.hasSuffix("\(name): luna \(old) este detașată (arhivată cu `ccm db detaseaza`), documentul nu a fost procesat, " +
                                     "mutat în \(target); pentru această lună furnizorul se adresează CAS"), line)
        for personal in [Fixture.cnp, "Ionescu", "Ștefan", "J06", "Popescu"] { XCTAssertFalse(r.stderr.contains(personal), personal) }
        XCTAssertTrue(r.stderr.contains("1 fișier neprocesat (luni detașate)"), r.stderr)
        let json = try XCTUnwrap(r.stdout.split(separator: "\n").first.map { Data($0.utf8) })
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(object["status"] as? String, "IGNORAT")
        XCTAssertEqual(object["reason"] as? String, "LUNA_DETASATA")
        XCTAssertEqual(object["movedTo"] as? String, target)
        XCTAssertEqual(try counts(), before, "nothing recorded, no partition made")
        XCTAssertEqual(try partitions(db), partitionsBefore)

        let again = try CLI.run(args, env: env)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "")
        XCTAssertEqual(try counts(), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: quarantine.appendingPathComponent(old).path), [name])
    }
}

/// Migration 17 on a database of the layout before: every version kept with its id, each month
/// in its partition, the current ones in `certificate_current`, the sequence going on, the grants.
final class PartitionMigrationTests: XCTestCase {
    func testADatabaseOfOneTableIsConvertedWhole() throws {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try Connection(TestDatabase.adminURL)
        try admin.exec("CREATE DATABASE \(name)")
        defer { _ = try? admin.exec("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let db = try Connection(TestDatabase.adminURL + " dbname=\(name)")
        try db.exec("CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        for step in Migrations.all where step.version <= 16 {
            try db.execScript(step.sql)
            try db.exec("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", ["\(step.version)", step.name])
        }
        try db.execScript("""
            INSERT INTO documents (file_name, sha256, size_bytes, status, cui, luna, tip, received_at)
            SELECT 'f' || m || '.xml', md5(m::text), 1, 'INREGISTRAT', '31001235', date '2026-08-01' + m * interval '1 month', 'INITIALA', now()
            FROM generate_series(0, 2) m;
            INSERT INTO certificate_versions (document_id, position, cui, luna, serie, numar, operatie, status, valid_from, valid_to,
                data_acordarii, tip, initial_serie, initial_numar, cnp, nume, inceput, sfarsit, zile, cnp_copil, errors, source)
            SELECT d.id, p, d.cui, d.luna, 'CCMBN', (d.id * 10 + p)::text, CASE WHEN p = 4 THEN 'STERGERE' END,
                   CASE WHEN p = 2 THEN 'CU_ERORI' ELSE 'VALID' END, d.received_at, CASE WHEN p >= 3 THEN d.received_at END,
                   CASE WHEN p < 4 THEN d.luna + 3 END, CASE WHEN p = 2 THEN 'CONTINUARE' WHEN p < 4 THEN 'INITIAL' END,
                   CASE WHEN p = 2 THEN 'CCMBN' END, CASE WHEN p = 2 THEN (d.id * 10 + 1)::text END,
                   '150010102002' || p, 'Pop', d.luna + 3, d.luna + 6, 4, CASE WHEN p = 1 THEN '5200101020021' END,
                   CASE WHEN p = 2 THEN '[{"code":"C09","severity":"EROARE","message":"m","public":"m"}]'::jsonb ELSE '[]' END,
                   CASE WHEN p = 1 THEN 'revalidare' ELSE 'document' END
            FROM documents d, generate_series(1, 4) p;
            """)
        let before = try db.exec("SELECT * FROM certificate_versions ORDER BY id").values
        XCTAssertEqual(before.count, 12)
        XCTAssertEqual(try Migrations.migrate(db), Array(17...Migrations.latestVersion))
        XCTAssertEqual(try db.exec("SELECT * FROM certificate_versions ORDER BY id").values, before, "every version, column by column")
        XCTAssertEqual(try db.exec("""
            SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'certificate_versions'::regclass ORDER BY 1
            """).compactMap { $0["p"] }, ["certificate_versions_y2026m08", "certificate_versions_y2026m09", "certificate_versions_y2026m10"])
        XCTAssertEqual(try db.exec("SELECT count(*) FROM certificate_versions_y2026m09").first?.int("count"), 4)
        XCTAssertEqual(try db.exec("SELECT id FROM certificate_current ORDER BY id").compactMap { $0.int("id") },
                       try db.exec("SELECT id FROM certificate_versions WHERE valid_to IS NULL ORDER BY id").compactMap { $0.int("id") })
        XCTAssertEqual(try db.exec("SELECT count(*) FROM certificate_current").first?.int("count"), 6)
        let max = try XCTUnwrap(db.exec("SELECT max(id) FROM certificate_versions").first?.int("max"))
        XCTAssertGreaterThan(try XCTUnwrap(db.exec("SELECT nextval('certificate_versions_id_seq') AS n").first?.int("n")), max)
        XCTAssertEqual(try db.exec("SELECT count(*) FROM certificate_public_findings WHERE luna = '2026-09-01'").first?.int("count"), 1)
        // Least privilege: the reader sees none of the current versions' personal data, nor makes a month.
        let privileges = try XCTUnwrap(db.exec("""
            SELECT has_table_privilege('ccm_citire', 'certificate_current', 'SELECT') AS r,
                   has_table_privilege('ccm_scriere', 'certificate_current', 'DELETE') AS w,
                   has_table_privilege('ccm_scriere', 'certificate_versions', 'DELETE') AS wv,
                   has_function_privilege('ccm_scriere', 'certificate_versions_partition(date)', 'EXECUTE') AS we,
                   has_function_privilege('ccm_citire', 'certificate_versions_partition(date)', 'EXECUTE') AS re,
                   has_column_privilege('ccm_citire', 'certificate_versions', 'cnp', 'SELECT') AS rc,
                   has_column_privilege('ccm_citire', 'certificate_versions', 'numar', 'SELECT') AS rn
            """).first)
        XCTAssertEqual(["r", "w", "wv", "we", "re", "rc", "rn"].map { privileges.bool($0) }, [false, true, false, true, false, false, true])
    }
}
