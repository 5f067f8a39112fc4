-- A table's CHECK is rebuilt from its stored text by every statement that writes the table, a domain's once per connection: the ingest's tables check their values by domains, and the month's partition name is an expression the planner inlines.

-- Each domain gets its constraint after the columns take it: a column changed to a domain
-- without one is a change of the catalog, not a rewrite of the table; adding the constraint then
-- checks every stored value once.
CREATE DOMAIN version_operatie AS text;
CREATE DOMAIN version_status AS text;
CREATE DOMAIN version_tip AS text;
CREATE DOMAIN version_source AS text;
CREATE DOMAIN document_status AS text;
CREATE DOMAIN document_tip AS text;
CREATE DOMAIN queue_state AS text;

ALTER TABLE certificate_versions
    DROP CONSTRAINT certificate_versions_operatie_check1, DROP CONSTRAINT certificate_versions_status_check1,
    DROP CONSTRAINT certificate_versions_tip_check1, DROP CONSTRAINT certificate_versions_source_check1,
    ALTER COLUMN operatie TYPE version_operatie, ALTER COLUMN status TYPE version_status,
    ALTER COLUMN tip TYPE version_tip, ALTER COLUMN source TYPE version_source;
ALTER TABLE documents
    DROP CONSTRAINT documents_status_check, DROP CONSTRAINT documents_tip_check,
    ALTER COLUMN status TYPE document_status, ALTER COLUMN tip TYPE document_tip;
ALTER TABLE ingest_queue DROP CONSTRAINT ingest_queue_state_check, ALTER COLUMN state TYPE queue_state;

ALTER DOMAIN version_operatie ADD CONSTRAINT version_operatie_values CHECK (VALUE IN ('ADAUGARE','MODIFICARE','STERGERE'));
ALTER DOMAIN version_status ADD CONSTRAINT version_status_values CHECK (VALUE IN ('VALID','CU_ERORI'));
ALTER DOMAIN version_tip ADD CONSTRAINT version_tip_values CHECK (VALUE IN ('INITIAL','CONTINUARE'));
ALTER DOMAIN version_source ADD CONSTRAINT version_source_values CHECK (VALUE IN ('document','revalidare'));
ALTER DOMAIN document_status ADD CONSTRAINT document_status_values CHECK (VALUE IN ('INREGISTRAT','RESPINS'));
ALTER DOMAIN document_tip ADD CONSTRAINT document_tip_values CHECK (VALUE IN ('INITIALA','RECTIFICATIVA'));
ALTER DOMAIN queue_state ADD CONSTRAINT queue_state_values CHECK (VALUE IN ('ASTEAPTA','GATA'));

-- The same names as before for every month (to_char is not immutable, so the planner called the
-- function at every execution instead of inlining it).
CREATE OR REPLACE FUNCTION certificate_versions_partition_name(luna date) RETURNS text
    LANGUAGE sql IMMUTABLE AS $f$
    SELECT 'certificate_versions_y' || lpad(extract(year FROM luna)::int::text, greatest(4, length(extract(year FROM luna)::int::text)), '0')
        || 'm' || lpad(extract(month FROM luna)::int::text, 2, '0') $f$;
