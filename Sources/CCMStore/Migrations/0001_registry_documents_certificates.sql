-- The registry of providers, every file that changed something, and every version of every reported certificate.

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
