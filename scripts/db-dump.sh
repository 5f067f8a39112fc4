#!/usr/bin/env bash
# The canonical content of a ccm database, without ids, processing times or the home folder:
# documents, their reasons, certificate versions and verdicts. Two runs that must end in the
# same state (crash loop, several workers) are compared with it.
# Usage: scripts/db-dump.sh DATABASE_URL [HOME_TO_STRIP] [RECEIVED_AT: only the documents received then]
set -euo pipefail
url=$1; home=${2:-/nonexistent}; only=true
[ -n "${3:-}" ] && only="d.received_at = '${3//\'/}'"
psql "$url" -qAt -c "
  SELECT 'D', file_name, sha256, status, coalesce(cui,''), coalesce(luna::text,''), coalesce(nr_certificate,-1), coalesce(stored_as, '')
    FROM documents d WHERE $only ORDER BY file_name, sha256, status, stored_as;
  SELECT 'R', d.file_name, r.seq, r.code, r.message FROM document_reasons r JOIN documents d ON d.id = r.document_id WHERE $only ORDER BY 2, 3, 4, 5;
  SELECT 'V', coalesce(d.file_name, '(fara document)'), v.position, v.serie, v.numar, v.status, v.errors::text, v.valid_to IS NULL
    FROM certificate_versions v LEFT JOIN documents d ON d.id = v.document_id WHERE d.id IS NULL OR $only ORDER BY 2, 3, 4, 5, 6, 7, 8;" | sed "s#$home##g"
