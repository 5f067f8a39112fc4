-- The inbox queue workers share: one row per arrival, claimed with FOR UPDATE SKIP LOCKED and judged in receipt order.

CREATE TABLE ingest_queue (
    id          bigserial PRIMARY KEY,
    path        text NOT NULL,
    size_bytes  bigint NOT NULL,
    mtime       timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    state       text NOT NULL DEFAULT 'ASTEAPTA' CHECK (state IN ('ASTEAPTA', 'GATA')),
    queued_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    done_at     timestamptz,
    UNIQUE (path, size_bytes, mtime)
);
CREATE INDEX ingest_queue_waiting ON ingest_queue (received_at, path) WHERE state = 'ASTEAPTA';
