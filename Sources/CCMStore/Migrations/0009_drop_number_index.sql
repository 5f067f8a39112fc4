-- Every lookup by number is of current versions (certificate_versions_current_number): this index was only written.

DROP INDEX IF EXISTS certificate_versions_number;
