-- Each history index's predicate names its own key, so that no lookup by another key can walk it as a cheaper wrong plan.

-- By number: C08 (the initial found), C16 (duplicates).
DROP INDEX IF EXISTS certificate_versions_current_number;
CREATE INDEX certificate_versions_current_number ON certificate_versions (serie, numar)
    WHERE valid_to IS NULL AND serie IS NOT NULL;
-- By chain: C09, C10, C14, C15; only continuations (an INITIAL has no initial_serie).
DROP INDEX IF EXISTS certificate_versions_current_chain;
CREATE INDEX certificate_versions_current_chain ON certificate_versions (initial_serie, initial_numar)
    WHERE valid_to IS NULL AND initial_serie IS NOT NULL;
-- By insured: C14's sums per year and month, C19's overlaps.
DROP INDEX IF EXISTS certificate_versions_current_cnp;
CREATE INDEX certificate_versions_current_cnp ON certificate_versions (cnp, inceput)
    WHERE valid_to IS NULL AND cnp IS NOT NULL;
