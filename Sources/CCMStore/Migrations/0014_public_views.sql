-- What the reader reads of findings and reasons: the public message, never the operator's, which may quote a diagnosis or name a signer.

-- It hides columns, not rows: no security barrier, so the planner flattens it into the table's plan.
CREATE VIEW certificate_public_findings AS
    SELECT v.id AS version_id, v.document_id, v.position, v.cui, v.luna, v.serie, v.numar, v.valid_from, v.valid_to,
           x.n, x.e->>'code' AS code, x.e->>'severity' AS severity, x.e->>'public' AS message
    FROM certificate_versions v CROSS JOIN LATERAL jsonb_array_elements(v.errors) WITH ORDINALITY AS x(e, n)
    WHERE v.errors <> '[]';

-- A file's reasons as the public may read them: F06's operator text names the signer.
CREATE VIEW document_public_reasons AS
    SELECT document_id, seq, code, severity, coalesce(public_message, message) AS message, line, col
    FROM document_reasons;
