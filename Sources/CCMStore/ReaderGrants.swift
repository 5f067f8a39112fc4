/// The two group roles' privileges, granted again after every migration run.
extension Migrations {
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
    /// reads, inserts and updates everything (it deletes only `certificate_current`'s rows of ended versions); the reader's table
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
                \(partitionGrants)
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
