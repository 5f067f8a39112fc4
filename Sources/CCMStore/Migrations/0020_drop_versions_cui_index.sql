-- Every certificate version wrote an entry in an index by provider that only a one-provider `ccm status` could use: that reads its month's partition instead.
DROP INDEX certificate_versions_cui;
