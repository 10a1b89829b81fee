import type { OperatorDetails } from '../operators/operator.events';

/** La Vie Active as DESIGN §4 registers it: the operator of the Calais outreach agreement for minors. */
export const laVieActive: OperatorDetails = {
  name: 'La Vie Active',
  legalForm: 'association',
  siren: '732829320',
  siret: '73282932000074',
  rna: 'W621000001',
  departements: ['62'],
  languages: ['ar', 'ps', 'ti'],
  salariedFte: 120,
};
