-- A version is written only in its document's transaction, with the id its INSERT returned, and no role deletes documents: the per-row trigger checked nothing.

ALTER TABLE certificate_versions DROP CONSTRAINT IF EXISTS certificate_versions_document_id_fkey;
