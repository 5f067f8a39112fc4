-- As-of editions: providers versioned like certificates, and a revalidation's verdict as a new version of the same certificate.

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
