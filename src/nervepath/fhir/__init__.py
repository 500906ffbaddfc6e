"""FHIR R4 exchange: core records to and from FHIR resources (plain dicts, validated in tests with
``fhir.resources``). ``bundle`` holds a patient's whole record; ``questionnaire`` the instruments."""
