-- ccm status tells the reader whether each e-mail went out and why not (granted in readerColumns), never to whom.

COMMENT ON COLUMN notifications.last_error IS 'why the last attempt failed: Romanian, then the library''s text; read by ccm status';
