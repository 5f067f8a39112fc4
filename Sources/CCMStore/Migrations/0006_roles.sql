-- The batch's group role (read, insert, update) and the reporting's (read only), when the owner may create roles; else the DBA does.

DO $$
BEGIN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ccm_scriere') THEN CREATE ROLE ccm_scriere NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ccm_citire') THEN CREATE ROLE ccm_citire NOLOGIN; END IF;
    END IF;
END $$;
