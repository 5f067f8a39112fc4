-- A file's earlier records are looked up by its bytes alone, whatever their status or place (DocumentStore.earlier).

CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
