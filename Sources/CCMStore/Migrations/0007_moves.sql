-- A move's target is recorded before the move and confirmed after it (a stopped run's next finishes it); a lone .p7s finds its document by file name.

ALTER TABLE documents ADD COLUMN moving_to text;
CREATE INDEX documents_file_name ON documents (file_name, id);
