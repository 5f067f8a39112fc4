-- certificate_versions in monthly partitions (an old month can be detached); the rules' lookups, never bounded by month, read the unpartitioned certificate_current.

-- The findings live in the version's row (errors), partitioned with it. documents is not partitioned: its
-- lookups (bytes, IdDocument, a file name) are for ever, a unique index of a partitioned table would hold
-- the month, a refused file may have no month, and a national month is 20,000 rows.
-- A unique index of a partitioned table holds its key: the primary key is (id, luna), the position's
-- (document_id, position, valid_from, luna). A month's partition is made by certificate_versions_partition,
-- owned by the owner and executed by the batch (which may not create tables): CREATE TABLE, then ATTACH,
-- which locks the parent only against other DDL, not against the inserts and reads of others.
DROP VIEW certificate_public_findings;
ALTER TABLE certificate_versions RENAME TO certificate_versions_v16;
ALTER TABLE certificate_versions_v16 RENAME CONSTRAINT certificate_versions_pkey TO certificate_versions_v16_pkey;
DROP INDEX IF EXISTS certificate_versions_position, certificate_versions_luna, certificate_versions_current_number,
    certificate_versions_current_chain, certificate_versions_current_cnp, certificate_versions_current_child;
ALTER SEQUENCE certificate_versions_id_seq OWNED BY NONE;

CREATE TABLE certificate_versions (
    id                 bigint NOT NULL DEFAULT nextval('certificate_versions_id_seq'),
    document_id        bigint NOT NULL,
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
    errors             jsonb NOT NULL DEFAULT '[]',
    source             text NOT NULL DEFAULT 'document' CHECK (source IN ('document', 'revalidare')),
    PRIMARY KEY (id, luna)
) PARTITION BY RANGE (luna);
ALTER SEQUENCE certificate_versions_id_seq OWNED BY certificate_versions.id;
CREATE UNIQUE INDEX certificate_versions_position ON certificate_versions (document_id, position, valid_from, luna);
-- A provider's month (its error report): the month is its partition, the provider this index.
-- (By (luna, cui), its month's key was a key of every statement that names the month.)
CREATE INDEX certificate_versions_cui ON certificate_versions (cui);

-- A month's partition's name: what `ccm db detaseaza` detaches.
CREATE FUNCTION certificate_versions_partition_name(luna date) RETURNS text
    LANGUAGE sql IMMUTABLE AS $f$ SELECT 'certificate_versions_' || to_char(luna, '"y"YYYY"m"MM') $f$;

-- The month's partition, made once whoever asks first (under an advisory lock: two
-- transactions asking at once make it once, the second waits for the first's end).
CREATE FUNCTION certificate_versions_partition(luna date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    first date := date_trunc('month', luna)::date;
    part text := public.certificate_versions_partition_name(date_trunc('month', luna)::date);
BEGIN
    IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               WHERE i.inhparent = 'public.certificate_versions'::regclass AND c.relname = part) THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(727006);
    IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               WHERE i.inhparent = 'public.certificate_versions'::regclass AND c.relname = part) THEN RETURN; END IF;
    EXECUTE format('CREATE TABLE public.%I (LIKE public.certificate_versions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format('ALTER TABLE public.certificate_versions ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                   part, first, (first + interval '1 month')::date);
END $f$;
REVOKE ALL ON FUNCTION certificate_versions_partition(date) FROM PUBLIC;

DO $$ DECLARE m date; BEGIN
    FOR m IN SELECT DISTINCT date_trunc('month', luna)::date FROM certificate_versions_v16 LOOP
        PERFORM certificate_versions_partition(m);
    END LOOP;
END $$;
INSERT INTO certificate_versions (id, document_id, position, cui, luna, serie, numar, operatie, status, valid_from, valid_to,
    data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume,
    prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto, inceput,
    sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, errors, source)
SELECT id, document_id, position, cui, luna, serie, numar, operatie, status, valid_from, valid_to,
    data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume,
    prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto, inceput,
    sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, errors, source
FROM certificate_versions_v16;

-- The current versions as the rules read them (HistoryStore.columns): personal data, the
-- reader's never. Indexes: number (C08, C16, a rectificative's target), chain (C09, C10,
-- C14, C15; continuations only), insured (C14, C19), child (C14).
CREATE TABLE certificate_current (
    id                 bigint NOT NULL,
    document_id        bigint NOT NULL,
    cui                text NOT NULL,
    luna               date NOT NULL,
    serie              text NOT NULL,
    numar              text NOT NULL,
    data_acordarii     date,
    tip                text,
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
    cnp_copil          text
);
INSERT INTO certificate_current (id, document_id, cui, luna, serie, numar, data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume, prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto, inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil)
    SELECT id, document_id, cui, luna, serie, numar, data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume, prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto, inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil FROM certificate_versions WHERE valid_to IS NULL;
CREATE INDEX certificate_current_number ON certificate_current (serie, numar);
CREATE INDEX certificate_current_chain ON certificate_current (initial_serie, initial_numar) WHERE initial_serie IS NOT NULL;
CREATE INDEX certificate_current_cnp ON certificate_current (cnp, inceput) WHERE cnp IS NOT NULL;
CREATE INDEX certificate_current_child ON certificate_current (cnp_copil) WHERE cnp_copil IS NOT NULL;

DROP TABLE certificate_versions_v16;
CREATE VIEW certificate_public_findings AS
    SELECT v.id AS version_id, v.document_id, v.position, v.cui, v.luna, v.serie, v.numar, v.valid_from, v.valid_to,
           x.n, x.e->>'code' AS code, x.e->>'severity' AS severity, x.e->>'public' AS message
    FROM certificate_versions v CROSS JOIN LATERAL jsonb_array_elements(v.errors) WITH ORDINALITY AS x(e, n)
    WHERE v.errors <> '[]';
