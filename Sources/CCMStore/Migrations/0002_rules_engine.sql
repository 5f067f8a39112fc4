-- What the certificate rules read: doctors, pads, a version's verdict, and the history's indexes by number, chain, insured and child.

DROP TABLE certificate_errors;
-- The verdict of a version: [{"code", "severity", "message", "public"}]; a new verdict is a new version.
ALTER TABLE certificate_versions ADD COLUMN errors jsonb NOT NULL DEFAULT '[]';

CREATE INDEX certificate_versions_current_number ON certificate_versions (serie, numar) WHERE valid_to IS NULL;
CREATE INDEX certificate_versions_current_chain ON certificate_versions (initial_serie, initial_numar) WHERE valid_to IS NULL;
CREATE INDEX certificate_versions_current_cnp ON certificate_versions (cnp, inceput) WHERE valid_to IS NULL;
-- By child: C14's sums per child and year.
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
