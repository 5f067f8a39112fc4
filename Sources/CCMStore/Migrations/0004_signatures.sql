-- Trust anchors and CRLs the CAS loaded, and who may sign for which CUI, every change kept with when it took effect.

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
-- At most one active legal representative per CUI, whatever the order of imports and commands.
CREATE UNIQUE INDEX signer_versions_one_legal_representative ON signer_versions (cui)
    WHERE valid_to IS NULL AND rol = 'REPREZENTANT_LEGAL' AND stare = 'ACTIV';
CREATE INDEX signer_versions_at_receipt ON signer_versions (cert_sha256, cui, valid_from);
ALTER TABLE documents ADD COLUMN signature text;
-- What the public table may show of a reason (F06 names the signer; the public line does not).
ALTER TABLE document_reasons ADD COLUMN public_message text;
