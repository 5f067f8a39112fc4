-- A provider's month is found through certificate_versions_luna (luna, cui): this index was only written.

DROP INDEX IF EXISTS certificate_versions_month;
