-- A batch of certificate rows travels as one array of this record (its columns in CertificateWriter.rowColumns' order): one function scan expands it, where thirty arrays took one each.
CREATE TYPE certificate_row AS (
    position int, serie text, numar text, operatie text, status text, data_acordarii date, tip text, initial_serie text,
    initial_numar text, initial_data date, medic_parafa text, medic_nume text, loc_prescriere smallint, cnp text, nume text,
    prenume text, angajator_cui text, angajator_denumire text, cod_indemnizatie text, cod_diagnostic text, cod_urgenta int,
    cod_boala_infecto int, inceput date, sfarsit date, zile int, aviz_numar text, aviz_data date, cnp_copil text, motiv text,
    errors jsonb
);
