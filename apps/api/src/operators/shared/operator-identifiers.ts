/** Shapes of the identifiers of an operator; the domain checks the Luhn keys and that the SIRET is the SIREN's. */
export const SIREN = /^\d{9}$/;
export const SIRET = /^\d{14}$/;
export const RNA = /^W\d{9}$/;

export const OPERATOR_ARRAY_LIMITS = { departements: 110, languages: 200 } as const;

/** The fields a PATCH may change: everything but the SIREN, which identifies the legal entity. */
export const UPDATABLE_OPERATOR_FIELDS = ['name', 'legalForm', 'siret', 'rna', 'departements', 'languages', 'salariedFte'] as const;
