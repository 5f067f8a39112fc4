extension Migrations {

    /// The columns of `certificate_current`, in its order: each one a column of `certificate_versions` too.
    static let currentColumns = """
        id, document_id, cui, luna, serie, numar, data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, \
        medic_nume, loc_prescriere, cnp, nume, prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, \
        cod_urgenta, cod_boala_infecto, inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil
        """

    /// What the batch may do beyond reading, inserting and updating: end a current version's
    /// row in `certificate_current` (its versions stay in `certificate_versions`), and make a
    /// month's partition.
    static let partitionGrants = """
        EXECUTE 'GRANT DELETE ON certificate_current TO ccm_scriere';
                EXECUTE 'GRANT EXECUTE ON FUNCTION certificate_versions_partition(date) TO ccm_scriere';
        """
}
