-- The send log: each error report goes out once per provider, month and content; a failed one is tried again next run.

ALTER TABLE documents ADD COLUMN email text;
CREATE TABLE notifications (
    id          bigserial PRIMARY KEY,
    cui         text NOT NULL,
    luna        date NOT NULL,
    digest      text NOT NULL,
    recipient   text NOT NULL,
    status      text NOT NULL CHECK (status IN ('TRIMIS', 'ESUAT')),
    attempts    int NOT NULL DEFAULT 1,
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    UNIQUE (cui, luna, digest)
);
