import type { MandateEvent, OperatorDetails } from '@mandate-ledger/domain';
import { decpDocument, type OpenDataSource, renderScdlSubventionsCsv, scdlSubventionRows } from '@mandate-ledger/reports';
import { granted, maraudeGrant, mealContract, renewed } from '../../libs/domain/src/testing/mandate.fixtures';
import { validateDecp, validateScdlSubventionsCsv } from '../support/open-data-schemas';

const operator: OperatorDetails = {
  name: 'France terre d’asile, "FTDA"',
  legalForm: 'association_rup',
  siren: '990750010',
  siret: '99075001000623',
  rna: 'W751003433',
  departements: ['62'],
  languages: ['ar', 'ps'],
  salariedFte: 900,
};
const PREFECTURE = maraudeGrant.authority.siret;

const schedule = [
  { dueDate: '2017-08-15', amountCents: 6_000_000 },
  { dueDate: '2017-11-15', amountCents: 6_000_000 },
];
const maraude: OpenDataSource = {
  mandateId: maraudeGrant.mandateId,
  operator,
  events: [
    granted({ financing: { ...maraudeGrant.financing, schedule } }),
    renewed({ financing: { ...maraudeGrant.financing, amountCents: 26_000_000, paymentTerms: 'single', schedule: [{ dueDate: '2018-02-15', amountCents: 26_000_000 }] } }),
  ],
};
const contractEvents: MandateEvent[] = [
  granted({
    mandateId: 'mandate-meals',
    instrument: mealContract,
    missions: [{ type: 'MEAL_DISTRIBUTION', indicators: [{ name: 'meals', unit: 'meals', target: 2500, kind: 'rate', per: 'day' }] }],
    period: { start: '2018-03-06', end: '2019-03-05' },
    financing: { ...maraudeGrant.financing, amountCents: 360_000_000 },
  }),
  {
    type: 'MandateAmended',
    schemaVersion: 2,
    data: { mandateId: 'mandate-meals', effectiveFrom: '2018-09-01', decisionReference: 'MP-2018-001-AV1', changes: { financing: { ...maraudeGrant.financing, amountCents: 380_000_000 } } },
  },
];
const meals: OpenDataSource = { mandateId: 'mandate-meals', operator: { ...operator, name: 'La Vie Active' }, events: contractEvents };

describe('the SCDL subventions 2.1.1 export', () => {
  const csv = renderScdlSubventionsCsv(scdlSubventionRows([maraude, meals], PREFECTURE, 2017));

  it('writes one row per beneficiary and decision of the year, and no public contract', () =>
    expect(csv.split('\r\n')).toEqual([
      'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide',
      'Préfet du Pas-de-Calais,13000548100002,2017-07-27,CONV-2017-62-014,"France terre d’asile, ""FTDA""",99075001000623,W751003433,Mission de service public : maraude mineurs non accompagnés (communes 62193),120000.00,aide en numéraire,échelonné,2017-08-15/2017-11-15,,non,1.00,',
      '',
    ]));

  it('dates a renewal that brings a financing on the first day it funds', () =>
    expect(scdlSubventionRows([maraude], PREFECTURE, 2018).map((row) => [row.dateConvention, row.referenceDecision, row.montant, row.conditionsVersement, row.datesPeriodeVersement]))
      .toEqual([['2018-01-01', 'CONV-2018-62-003', '260000.00', 'unique', '2018-02-15']]));

  it('validates against the published Table Schema', () => {
    expect(validateScdlSubventionsCsv(csv)).toEqual([]);
    expect(validateScdlSubventionsCsv(renderScdlSubventionsCsv(scdlSubventionRows([maraude], PREFECTURE, 2018)))).toEqual([]);
  });

  it('is refused by the check when a cell breaks the schema', () => {
    const [header, row] = csv.split('\r\n');
    const broken = row.replace('120000.00', 'cent mille').replace('aide en numéraire', 'cash').replace('2017-07-27', '2017-02-30').replace('99075001000623', '99075001000624');
    expect(validateScdlSubventionsCsv(`${header}\r\n${broken}\r\n`)).toEqual([
      expect.stringContaining('/dateConvention must match format "date"'),
      expect.stringContaining('/montant must be number'),
      expect.stringContaining('/nature must be equal to one of the allowed values'),
      'row 2: idBeneficiaire 99075001000624 is not a valid SIRET',
    ]);
  });
});

describe('the DECP 2.0.3 export', () => {
  const document = decpDocument([maraude, meals], 2018, '2018-04-20');

  it('writes the public contracts notified in the year, each amendment of its amount as a modification', () =>
    expect(document).toEqual({
      marches: {
        marche: [expect.objectContaining({
          id: 'MP-2018-001',
          acheteur: { id: PREFECTURE },
          nature: 'Marché',
          codeCPV: '55320000-9',
          procedure: 'Procédure avec négociation',
          lieuExecution: { code: '62193', typeCode: 'Code commune' },
          dureeMois: 12,
          dateNotification: '2018-03-05',
          datePublicationDonnees: '2018-04-20',
          montant: 3_600_000,
          titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '99075001000623' } }],
          modifications: [{ modification: { id: 1, dateNotificationModification: '2018-09-01', datePublicationDonneesModification: '2018-04-20', dureeMois: 12, montant: 3_800_000 } }],
        })],
      },
    }));

  it('validates against the published JSON Schema', () => expect(validateDecp(document)).toEqual([]));

  it('is refused by the check when a field breaks the schema', () => {
    const [marche] = document.marches.marche;
    expect(validateDecp({ marches: { marche: [{ ...marche, codeCPV: '5532', offresRecues: 0 }] } }).map((error) => error.instancePath)).toEqual(
      expect.arrayContaining(['/marches/marche/0/codeCPV', '/marches/marche/0/offresRecues']),
    );
  });
});
