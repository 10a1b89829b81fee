// HTTP bodies of the 27 July 2017 outreach agreement for minors in Calais, shared by the end-to-end
// suites and the api benchmark.

export const laVieActive = {
  name: 'La Vie Active',
  legalForm: 'association',
  siren: '732829320',
  siret: '73282932000074',
  rna: 'W621000001',
  departements: ['62'],
  languages: ['ar', 'ps', 'ti'],
  salariedFte: 120,
};

export const grantBody = (operatorId: string) => ({
  operatorId,
  authority: { kind: 'prefecture', name: 'Préfet du Pas-de-Calais', siret: '13000548100002', departement: '62' },
  instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
  legalBasis: [
    { source: 'CASF', article: 'D.345-8' },
    { source: 'court_decision', reference: 'TA Lille 1705379' },
  ],
  missions: [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100 }] }],
  territory: { departement: '62', communes: ['62193'] },
  period: { start: '2017-07-27', end: '2017-12-31' },
  financing: { amountCents: 12_000_000, nature: 'cash', paymentTerms: 'instalments', programme: '177', chorusCommitment: '2100456789' },
  staffing: { salariedFte: 6 },
});
