/// Versioned schema migrations, applied in order, each in its own transaction, under an
/// advisory lock so that two processes starting together migrate once.
public enum Migrations {
    public struct Step: Sendable { public let version: Int; public let name: String; public let sql: String }

    public static let all: [Step] = [
        Step(version: 1, name: "registry, documents, certificates", sql: v1),
        Step(version: 2, name: "rules engine: doctors, pads, verdicts, history indexes", sql: v2),
        Step(version: 3, name: "history: provider versions, revalidation versions, as-of index", sql: v3),
        Step(version: 4, name: "signatures: trust material, signer enrolment with history", sql: v4),
        Step(version: 5, name: "notifications: the send log of error reports", sql: v5),
        Step(version: 6, name: "least privilege: a writer role for the batch, a read-only role for reporting", sql: v6),
        Step(version: 7, name: "moves recorded before they happen: documents by content and by file name", sql: v7),
        Step(version: 8, name: "the inbox queue that workers share", sql: v8),
        Step(version: 9, name: "one index fewer on certificate versions: every number lookup is of current versions", sql: v9),
        Step(version: 10, name: "one index fewer on certificate versions: a provider's month is found by (luna, cui)", sql: v10),
        Step(version: 11, name: "certificate versions without a per-row foreign-key trigger: written with their document", sql: v11),
        Step(version: 12, name: "documents by their bytes, whatever their status or place", sql: v12),
        Step(version: 13, name: "no index on the move confirmation: it can be a HOT update", sql: v13),
        Step(version: 14, name: "the reader sees no personal data: the public findings of certificates and reasons of files as views", sql: v14),
        Step(version: 15, name: "each history index only for the lookups by its own key", sql: v15),
        Step(version: 16, name: "the reader sees whether each error report went out (not to whom)", sql: v16),
    ]

    static let lockKey = "727001" // pg_advisory_xact_lock key for migrations

    /// Applies what is missing; returns the versions applied now. A database already at the
    /// latest version is only read (so a read-only role can open it).
    @discardableResult
    public static func migrate(_ db: Connection) throws -> [Int] {
        guard try isPending(db) else { return [] }
        try db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        var applied: [Int] = []
        for step in all {
            let done = try db.transaction { () -> Bool in
                try db.exec("SELECT pg_advisory_xact_lock($1::bigint)", [lockKey])
                if try db.exec("SELECT 1 FROM schema_migrations WHERE version = $1", ["\(step.version)"]).count > 0 { return false }
                try db.execScript(step.sql)
                try db.exec("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", ["\(step.version)", step.name])
                return true
            }
            if done { applied.append(step.version) }
        }
        if !applied.isEmpty { try db.execScript(grants) }
        return applied
    }

    /// Whether the schema lacks a migration this version of ccm knows (or does not exist yet):
    /// any one, not only past the highest applied (two branches may have numbered theirs apart).
    public static func isPending(_ db: Connection) throws -> Bool {
        let exists = try db.exec("SELECT to_regclass('schema_migrations') IS NOT NULL AS e").first?.bool("e") ?? false
        guard exists else { return true }
        let applied = Set(try db.exec("SELECT version FROM schema_migrations").compactMap { $0.int("version") })
        return all.contains { !applied.contains($0.version) }
    }

    /// Whether the connected role may migrate: it is (or is a member of) the owner of the schema
    /// it would change; a superuser is. The batch and reporting roles are not.
    public static func mayMigrate(_ db: Connection) throws -> Bool {
        try db.exec("""
            SELECT CASE WHEN to_regclass('schema_migrations') IS NULL
                        THEN has_schema_privilege('public', 'CREATE')
                        ELSE pg_has_role((SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'), 'USAGE')
                   END AS m
            """).first?.bool("m") ?? false
    }

    public static var latestVersion: Int { all.last?.version ?? 0 }

    public static func currentVersion(_ db: Connection) throws -> Int {
        try db.exec("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").first?.int("v") ?? 0
    }

    static let v1 = """
    CREATE TABLE providers (
        cui               text PRIMARY KEY,
        denumire          text NOT NULL,
        casa              text NOT NULL,
        nr_conventie      text NOT NULL,
        conventie_de_la   date NOT NULL,
        conventie_pana_la date,
        email             text,
        tip               text NOT NULL CHECK (tip IN ('MF','AMB','SPITAL','ALTUL')),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (conventie_pana_la IS NULL OR conventie_pana_la >= conventie_de_la)
    );
    CREATE INDEX providers_casa ON providers (casa);

    -- One row per processed file that changed something: INREGISTRAT or RESPINS.
    -- (A DUPLICAT changes nothing and is only reported.)
    CREATE TABLE documents (
        id             bigserial PRIMARY KEY,
        file_name      text NOT NULL,
        sha256         text NOT NULL,
        size_bytes     bigint NOT NULL,
        status         text NOT NULL CHECK (status IN ('INREGISTRAT','RESPINS')),
        id_document    uuid,
        cui            text,
        luna           date,
        tip            text CHECK (tip IN ('INITIALA','RECTIFICATIVA')),
        mediu          text,
        data_generare  text,
        nr_certificate int,
        total_zile     int,
        received_at    timestamptz NOT NULL,
        processed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        stored_as      text
    );
    CREATE UNIQUE INDEX documents_registered_sha ON documents (sha256) WHERE status = 'INREGISTRAT';
    CREATE UNIQUE INDEX documents_registered_id ON documents (id_document) WHERE status = 'INREGISTRAT';
    CREATE UNIQUE INDEX documents_one_initial ON documents (cui, luna) WHERE status = 'INREGISTRAT' AND tip = 'INITIALA';
    CREATE INDEX documents_cui_luna ON documents (cui, luna, received_at);
    CREATE INDEX documents_pending_move ON documents (sha256) WHERE stored_as IS NULL;

    CREATE TABLE document_reasons (
        document_id bigint NOT NULL REFERENCES documents(id),
        seq         int NOT NULL,
        code        text NOT NULL,
        severity    text NOT NULL CHECK (severity IN ('EROARE','AVERTISMENT')),
        message     text NOT NULL,
        line        int,
        col         int,
        PRIMARY KEY (document_id, seq)
    );

    -- Every version of every reported certificate; nothing is overwritten. A version is
    -- current from valid_from until valid_to (NULL: still current).
    CREATE TABLE certificate_versions (
        id                 bigserial PRIMARY KEY,
        document_id        bigint NOT NULL REFERENCES documents(id),
        position           int NOT NULL,
        cui                text NOT NULL,
        luna               date NOT NULL,
        serie              text NOT NULL,
        numar              text NOT NULL,
        operatie           text CHECK (operatie IN ('ADAUGARE','MODIFICARE','STERGERE')),
        status             text NOT NULL CHECK (status IN ('VALID','CU_ERORI')),
        valid_from         timestamptz NOT NULL,
        valid_to           timestamptz,
        data_acordarii     date,
        tip                text CHECK (tip IN ('INITIAL','CONTINUARE')),
        initial_serie      text,
        initial_numar      text,
        initial_data       date,
        medic_parafa       text,
        medic_nume         text,
        loc_prescriere     smallint,
        cnp                text,
        nume               text,
        prenume            text,
        angajator_cui      text,
        angajator_denumire text,
        cod_indemnizatie   text,
        cod_diagnostic     text,
        cod_urgenta        int,
        cod_boala_infecto  int,
        inceput            date,
        sfarsit            date,
        zile               int,
        aviz_numar         text,
        aviz_data          date,
        cnp_copil          text,
        motiv              text,
        UNIQUE (document_id, position)
    );
    CREATE INDEX certificate_versions_month ON certificate_versions (cui, luna) WHERE valid_to IS NULL;
    CREATE INDEX certificate_versions_number ON certificate_versions (serie, numar);

    CREATE TABLE certificate_errors (
        version_id bigint NOT NULL REFERENCES certificate_versions(id),
        seq        int NOT NULL,
        code       text NOT NULL,
        severity   text NOT NULL CHECK (severity IN ('EROARE','AVERTISMENT')),
        message    text NOT NULL,
        PRIMARY KEY (version_id, seq)
    );
    """

    /// Indexes that serve the history-dependent rules, all on current versions:
    /// - certificate_versions_current_number (serie, numar): C08 initial found, C16 duplicates;
    /// - certificate_versions_current_chain (initial_serie, initial_numar): C09, C10, C14 chain, C15;
    /// - certificate_versions_current_cnp (cnp, inceput): C14 insured year/month sums, C19 overlaps;
    /// - certificate_versions_current_child (cnp_copil): C14 child-year sums.
    static let v2 = """
    DROP TABLE certificate_errors;
    -- The verdict of a version: [{"code", "severity", "message", "public"}]; a new verdict is a new version.
    ALTER TABLE certificate_versions ADD COLUMN errors jsonb NOT NULL DEFAULT '[]';

    CREATE INDEX certificate_versions_current_number ON certificate_versions (serie, numar) WHERE valid_to IS NULL;
    CREATE INDEX certificate_versions_current_chain ON certificate_versions (initial_serie, initial_numar) WHERE valid_to IS NULL;
    CREATE INDEX certificate_versions_current_cnp ON certificate_versions (cnp, inceput) WHERE valid_to IS NULL;
    CREATE INDEX certificate_versions_current_child ON certificate_versions (cnp_copil) WHERE valid_to IS NULL AND cnp_copil IS NOT NULL;

    CREATE TABLE doctors (
        cui           text NOT NULL,
        parafa        text NOT NULL,
        nume          text NOT NULL,
        activ_de_la   date NOT NULL,
        activ_pana_la date,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cui, parafa),
        CHECK (activ_pana_la IS NULL OR activ_pana_la >= activ_de_la)
    );

    CREATE TABLE pads (
        serie             text NOT NULL,
        numar_de_la       bigint NOT NULL,
        numar_pana_la     bigint NOT NULL,
        cui               text NOT NULL,
        data_distribuirii date NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (serie, numar_de_la),
        CHECK (numar_pana_la >= numar_de_la)
    );
    CREATE INDEX pads_cui ON pads (cui);
    """

    /// As-of reproduction: the registry is versioned like the certificates (a provider's row
    /// valid from the effective time of the import that set it until the next change), and a
    /// revalidation's new verdict is a new version of the same reported certificate.
    static let v3 = """
    CREATE TABLE provider_versions (
        id                bigserial PRIMARY KEY,
        cui               text NOT NULL,
        denumire          text NOT NULL,
        casa              text NOT NULL,
        nr_conventie      text NOT NULL,
        conventie_de_la   date NOT NULL,
        conventie_pana_la date,
        email             text,
        tip               text NOT NULL,
        valid_from        timestamptz NOT NULL,
        valid_to          timestamptz
    );
    CREATE INDEX provider_versions_asof ON provider_versions (casa, valid_from);
    CREATE UNIQUE INDEX provider_versions_current ON provider_versions (cui) WHERE valid_to IS NULL;
    INSERT INTO provider_versions (cui, denumire, casa, nr_conventie, conventie_de_la, conventie_pana_la, email, tip, valid_from)
        SELECT cui, denumire, casa, nr_conventie, conventie_de_la, conventie_pana_la, email, tip, updated_at FROM providers;
    ALTER TABLE providers ADD COLUMN valid_from timestamptz;
    UPDATE providers SET valid_from = updated_at;
    ALTER TABLE providers ALTER COLUMN valid_from SET NOT NULL;

    -- 'document': brought by a report; 'revalidare': a new verdict of the same content.
    ALTER TABLE certificate_versions ADD COLUMN source text NOT NULL DEFAULT 'document'
        CHECK (source IN ('document', 'revalidare'));
    ALTER TABLE certificate_versions DROP CONSTRAINT certificate_versions_document_id_position_key;
    CREATE UNIQUE INDEX certificate_versions_position ON certificate_versions (document_id, position, valid_from);
    -- The as-of centralizer reads a month's versions whatever their interval, and its documents.
    CREATE INDEX certificate_versions_luna ON certificate_versions (luna, cui);
    CREATE INDEX documents_luna ON documents (luna, status);
    """

    /// Trust anchors and CRLs the CAS loaded; who may sign for which CUI, every change kept with
    /// the time it took effect. At most one active legal representative per CUI: a unique index
    /// on the current versions, whatever the order of imports and commands.
    static let v4 = """
    CREATE TABLE trust_material (
        sha256   text PRIMARY KEY,
        kind     text NOT NULL CHECK (kind IN ('ANCORA', 'CRL')),
        der      bytea NOT NULL,
        subject  text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE signer_versions (
        id          bigserial PRIMARY KEY,
        cui         text NOT NULL,
        cert_sha256 text NOT NULL CHECK (cert_sha256 ~ '^[0-9a-f]{64}$'),
        cnp         text,
        nume        text NOT NULL,
        email       text,
        rol         text NOT NULL CHECK (rol IN ('REPREZENTANT_LEGAL', 'UTILIZATOR')),
        stare       text NOT NULL CHECK (stare IN ('ACTIV', 'IN_ASTEPTARE', 'REVOCAT')),
        valid_from  timestamptz NOT NULL,
        valid_to    timestamptz,
        decided_by  text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX signer_versions_current ON signer_versions (cui, cert_sha256) WHERE valid_to IS NULL;
    CREATE UNIQUE INDEX signer_versions_one_legal_representative ON signer_versions (cui)
        WHERE valid_to IS NULL AND rol = 'REPREZENTANT_LEGAL' AND stare = 'ACTIV';
    CREATE INDEX signer_versions_at_receipt ON signer_versions (cert_sha256, cui, valid_from);
    ALTER TABLE documents ADD COLUMN signature text;
    -- What the public table may show of a reason (F06 names the signer; the public line does not).
    ALTER TABLE document_reasons ADD COLUMN public_message text;
    """

    /// Each error report is sent once: keyed by provider, month and the digest of its content, so
    /// a rerun sends nothing new unless the errors changed; a failed delivery stays ESUAT and is
    /// tried again on the next run.
    static let v5 = """
    ALTER TABLE documents ADD COLUMN email text;
    CREATE TABLE notifications (
        id          bigserial PRIMARY KEY,
        cui         text NOT NULL,
        luna        date NOT NULL,
        digest      text NOT NULL,
        recipient   text NOT NULL,
        status      text NOT NULL CHECK (status IN ('TRIMIS', 'ESUAT')),
        attempts    int NOT NULL DEFAULT 1,
        last_error  text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        sent_at     timestamptz,
        UNIQUE (cui, luna, digest)
    );
    """

    /// The batch connects as a member of `ccm_scriere` (read, insert, update: nothing is ever
    /// deleted), reporting as a member of `ccm_citire` (read only). Created when the migrating
    /// user may create roles; otherwise the DBA creates them and the grants below apply.
    static let v6 = """
    DO $$
    BEGIN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ccm_scriere') THEN CREATE ROLE ccm_scriere NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ccm_citire') THEN CREATE ROLE ccm_citire NOLOGIN; END IF;
        END IF;
    END $$;
    """

    /// The target of a move is recorded before the move (`moving_to`) and confirmed after it
    /// (`stored_as`): a run stopped in between is finished by the next, and a `.p7s` left alone
    /// in the inbox finds its document by file name.
    static let v7 = """
    ALTER TABLE documents ADD COLUMN moving_to text;
    CREATE INDEX documents_file_name ON documents (file_name, id);
    """

    /// One row per arrival of a file in an inbox (path, size, modification time), claimed by
    /// one worker at a time with `FOR UPDATE SKIP LOCKED`; judged in receipt order whichever
    /// worker claimed it. A file left in the inbox by a failure is queued again by a later run.
    static let v8 = """
    CREATE TABLE ingest_queue (
        id          bigserial PRIMARY KEY,
        path        text NOT NULL,
        size_bytes  bigint NOT NULL,
        mtime       timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        state       text NOT NULL DEFAULT 'ASTEAPTA' CHECK (state IN ('ASTEAPTA', 'GATA')),
        queued_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        done_at     timestamptz,
        UNIQUE (path, size_bytes, mtime)
    );
    CREATE INDEX ingest_queue_waiting ON ingest_queue (received_at, path) WHERE state = 'ASTEAPTA';
    """

    /// Every lookup by Serie and Numar is of current versions (`certificate_versions_current_number`);
    /// the index over all versions was written at every COPY and read by nothing.
    static let v9 = """
    DROP INDEX IF EXISTS certificate_versions_number;
    """

    /// A provider's current versions of a month (the error report) are found through
    /// `certificate_versions_luna (luna, cui)`, a rectificative's supersession through the
    /// current number: the partial (cui, luna) index was another write per row, read by neither.
    static let v10 = """
    DROP INDEX IF EXISTS certificate_versions_month;
    """

    /// The foreign key from a version to its document ran a trigger lookup per inserted row
    /// (~12% of the server's CPU at ingest). A version is only ever written in the transaction
    /// that inserted or locked its document, with the id that INSERT returned, and no role may
    /// delete a document; the bench's consistency query checks that no version is orphaned.
    static let v11 = """
    ALTER TABLE certificate_versions DROP CONSTRAINT IF EXISTS certificate_versions_document_id_fkey;
    """

    /// A file's earlier records are looked up by its bytes alone (`DocumentStore.earlier`): the
    /// partial indexes by bytes (registered, not yet moved) left the planner a tie with a scan
    /// of another partial index while the table was small.
    static let v12 = """
    CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
    """

    /// `documents_pending_move` (bytes, where `stored_as IS NULL`) served the lookup by bytes that
    /// v12 replaced; what it still indexed was the moment a file's move is confirmed, so that
    /// UPDATE wrote a new entry in every index of `documents` (never HOT, ~0.2 ms per file). The
    /// moves left unconfirmed are now found by one scan of `documents` at the start of a run.
    static let v13 = """
    DROP INDEX IF EXISTS documents_pending_move;
    """

    /// The public findings of each certificate version (code, severity, the public message):
    /// what the centralizer shows, without the operator's message, which may quote a diagnosis
    /// (C11) or a masked CNP. The reader reads this view, never `errors` itself. What it hides
    /// are columns, not rows: no security barrier, so the planner flattens it into the same plan
    /// as the query on the table.
    /// `document_public_reasons` does the same for a file's reasons.
    static let v14 = """
    CREATE VIEW certificate_public_findings AS
        SELECT v.id AS version_id, v.document_id, v.position, v.cui, v.luna, v.serie, v.numar, v.valid_from, v.valid_to,
               x.n, x.e->>'code' AS code, x.e->>'severity' AS severity, x.e->>'public' AS message
        FROM certificate_versions v CROSS JOIN LATERAL jsonb_array_elements(v.errors) WITH ORDINALITY AS x(e, n)
        WHERE v.errors <> '[]';

    -- A file's reasons as the public may read them: F06's operator text names the signer.
    CREATE VIEW document_public_reasons AS
        SELECT document_id, seq, code, severity, coalesce(public_message, message) AS message, line, col
        FROM document_reasons;
    """

    /// The history's partial indexes all had the predicate `valid_to IS NULL`, which every
    /// history lookup implies: a whole walk of any of them with the key as a filter was a path
    /// for every lookup, and on a table the planner thought empty it cost the same as the
    /// lookup by key (a plan cached then walked `current_cnp` for every number). Each predicate
    /// now also names its own key, which only the lookups by that key imply. The chain index
    /// holds only continuations (an INITIAL has no initial_serie): one write fewer per INITIAL.
    static let v15 = """
    DROP INDEX IF EXISTS certificate_versions_current_number;
    CREATE INDEX certificate_versions_current_number ON certificate_versions (serie, numar)
        WHERE valid_to IS NULL AND serie IS NOT NULL;
    DROP INDEX IF EXISTS certificate_versions_current_chain;
    CREATE INDEX certificate_versions_current_chain ON certificate_versions (initial_serie, initial_numar)
        WHERE valid_to IS NULL AND initial_serie IS NOT NULL;
    DROP INDEX IF EXISTS certificate_versions_current_cnp;
    CREATE INDEX certificate_versions_current_cnp ON certificate_versions (cnp, inceput)
        WHERE valid_to IS NULL AND cnp IS NOT NULL;
    """

    /// `status` tells CAS staff whether a provider's e-mail went out; the reader gets the send
    /// log's state and failure reason (granted from `readerColumns` after this step), not the
    /// recipient, which may be an address a document gave.
    static let v16 = """
    COMMENT ON COLUMN notifications.last_error IS 'why the last attempt failed: Romanian, then the library''s text; read by ccm status';
    """

    /// What the reporting role (`ccm_citire`) may read: the columns the centralizer and `status`
    /// need, and nothing personal (no CNP, name, diagnosis, indemnity or emergency code, nor the
    /// operator's messages, which may name a signer or quote a diagnosis). A new table is the
    /// reader's only once it is named here.
    static let readerColumns: [(table: String, columns: [String]?)] = [
        ("schema_migrations", nil), ("providers", nil), ("provider_versions", nil),
        ("certificate_public_findings", nil), ("document_public_reasons", nil),
        ("documents", ["id", "file_name", "status", "id_document", "cui", "luna", "tip", "mediu", "nr_certificate",
                       "received_at", "processed_at"]),
        ("certificate_versions", ["id", "document_id", "position", "cui", "luna", "serie", "numar", "operatie",
                                  "status", "valid_from", "valid_to", "source"]),
        ("notifications", ["id", "cui", "luna", "status", "attempts", "last_error", "created_at", "sent_at"]),
    ]

    /// Re-applied after every migration run, so that new tables are covered too: the writer
    /// reads, inserts and updates everything (nothing is ever deleted); the reader's table
    /// privileges are revoked and granted again from `readerColumns`, in one statement.
    static var grants: String {
        let reader = readerColumns.map { t in
            "EXECUTE 'GRANT SELECT" + (t.columns.map { " (" + $0.joined(separator: ", ") + ")" } ?? "") + " ON \(t.table) TO ccm_citire';"
        }.joined(separator: "\n            ")
        return """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ccm_scriere') THEN
                EXECUTE 'GRANT USAGE ON SCHEMA public TO ccm_scriere';
                EXECUTE 'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ccm_scriere';
                EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ccm_scriere';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ccm_citire') THEN
                EXECUTE 'GRANT USAGE ON SCHEMA public TO ccm_citire';
                EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ccm_citire';
                EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ccm_citire';
                \(reader)
            END IF;
        END $$;
        """
    }
}
