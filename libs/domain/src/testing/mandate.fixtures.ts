import { CommandMetadata } from '../shared/decider';
import {
  AmendMandate,
  CompleteMandateMission,
  GrantMandate,
  ReinstateMandate,
  RenewMandate,
  ReportMandateActivity,
  SuspendMandate,
  TerminateMandate,
} from '../mandates/mandate.commands';
import {
  MandateGrant,
  MandateGranted,
  MandateMissionCompleted,
  MandateReinstated,
  MandateRenewed,
  MandateSuspended,
  MandateTerminated,
} from '../mandates/mandate.events';
import { Instrument } from '../mandates/mandate.terms';

// Test data modelled on the 27 July 2017 outreach agreement for minors in Calais.

export const metadata: CommandMetadata = {
  now: '2018-01-15T10:00:00Z',
  actor: { sub: 'officer-62', role: 'officer' },
  correlationId: 'corr-1',
};
export const mandateId = 'mandate-maraude';

export const maraudeGrant: MandateGrant = {
  mandateId,
  operatorId: 'op-france-terre-d-asile',
  authority: { kind: 'prefecture', name: 'Préfet du Pas-de-Calais', siret: '13000548100002', departement: '62' },
  instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
  legalBasis: [
    { source: 'CASF', article: 'D.345-8' },
    { source: 'court_decision', reference: 'TA Lille 1705379' },
  ],
  missions: [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100, kind: 'count' }] }],
  territory: { departement: '62', communes: ['62193'] },
  period: { start: '2017-07-27', end: '2017-12-31' },
  financing: { amountCents: 12_000_000, nature: 'cash', paymentTerms: 'instalments', programme: '177', chorusCommitment: '2100456789' },
  staffing: { salariedFte: 6 },
};

/** The meal-distribution public contract of March 2018, with the facts its essential data need (DECP). */
export const mealContract = {
  kind: 'public_contract',
  cpv: '55320000-9',
  reference: 'MP-2018-001',
  decisionDate: '2018-03-01',
  signatureDate: '2018-03-02',
  procurement: {
    notificationDate: '2018-03-05',
    procedure: 'Procédure avec négociation',
    techniques: ['Sans objet'],
    executionModes: ['Bons de commande'],
    ccag: 'Fournitures courantes et services',
    offersReceived: 2,
    priceForm: 'Unitaire',
    priceTypes: ['Définitif révisable'],
    advance: { granted: false },
    subcontractingDeclared: false,
    innovative: false,
    grouping: 'Pas de groupement',
    socialConsiderations: ['Clause sociale'],
    environmentalConsiderations: ['Pas de considération environnementale'],
  },
} as const satisfies Instrument;

export const grantMandate = (changes: Partial<Record<keyof MandateGrant, unknown>> = {}, operator: GrantMandate['operator'] = { status: 'registered' }): GrantMandate => ({
  type: 'GrantMandate',
  data: { ...maraudeGrant, ...changes } as MandateGrant,
  operator,
  subsidies: [],
  metadata,
});

export const granted = (changes: Partial<MandateGrant> = {}): MandateGranted => ({
  type: 'MandateGranted',
  schemaVersion: 3,
  data: { ...maraudeGrant, ...changes },
});

export const suspendMandate = (data: Partial<SuspendMandate['data']> = {}): SuspendMandate => ({
  type: 'SuspendMandate',
  data: { mandateId, effectiveFrom: '2017-10-02', reason: 'staff safety after violent incidents', decisionReference: 'AP-2017-1004', ...data },
  metadata,
});
export const suspended = (data: Partial<MandateSuspended['data']> = {}): MandateSuspended => ({
  type: 'MandateSuspended',
  schemaVersion: 1,
  data: { mandateId, effectiveFrom: '2017-10-02', reason: 'staff safety after violent incidents', decisionReference: 'AP-2017-1004', ...data },
});

export const reinstateMandate = (data: Partial<ReinstateMandate['data']> = {}): ReinstateMandate => ({
  type: 'ReinstateMandate',
  data: { mandateId, effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011', ...data },
  metadata,
});
export const reinstated = (data: Partial<MandateReinstated['data']> = {}): MandateReinstated => ({
  type: 'MandateReinstated',
  schemaVersion: 1,
  data: { mandateId, effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011', ...data },
});

export const renewMandate = (data: Partial<RenewMandate['data']> = {}): RenewMandate => ({
  type: 'RenewMandate',
  data: { mandateId, newEnd: '2018-12-31', decisionReference: 'CONV-2018-62-003', ...data },
  subsidies: [],
  metadata,
});
export const renewed = (data: Partial<MandateRenewed['data']> = {}): MandateRenewed => ({
  type: 'MandateRenewed',
  schemaVersion: 1,
  data: { mandateId, decisionReference: 'CONV-2018-62-003', previousEnd: '2017-12-31', newEnd: '2018-12-31', ...data },
});

export const terminateMandate = (data: Partial<TerminateMandate['data']> = {}): TerminateMandate => ({
  type: 'TerminateMandate',
  data: { mandateId, effectiveFrom: '2017-11-15', reason: 'operator withdrew', decisionReference: 'AP-2017-1115', ...data },
  metadata,
});
export const terminated = (data: Partial<MandateTerminated['data']> = {}): MandateTerminated => ({
  type: 'MandateTerminated',
  schemaVersion: 1,
  data: { mandateId, effectiveFrom: '2017-11-15', reason: 'operator withdrew', decisionReference: 'AP-2017-1115', ...data },
});

export const amendMandate = (data: Partial<AmendMandate['data']> = {}): AmendMandate => ({
  type: 'AmendMandate',
  data: { mandateId, effectiveFrom: '2017-09-01', decisionReference: 'AVENANT-1', changes: { staffing: { salariedFte: 8 } }, ...data },
  subsidies: [],
  metadata,
});

export const reportActivity = (data: Partial<ReportMandateActivity['data']> = {}): ReportMandateActivity => ({
  type: 'ReportMandateActivity',
  data: {
    mandateId,
    periodStart: '2017-08-01',
    periodEnd: '2017-08-31',
    indicators: [{ name: 'minors_found', value: 143 }],
    staff: { salariedFte: 6, volunteers: 12 },
    ...data,
  },
  metadata,
});

export const completeMission = (data: Partial<CompleteMandateMission['data']> = {}): CompleteMandateMission => ({
  type: 'CompleteMandateMission',
  data: {
    mandateId,
    completedOn: '2017-12-31',
    summary: 'Daily outreach held every day of the period',
    indicators: [{ name: 'minors_found', value: 612 }],
    staff: { salariedFte: 6, volunteers: 12 },
    ...data,
  },
  metadata,
});
export const completed = (data: Partial<MandateMissionCompleted['data']> = {}): MandateMissionCompleted => ({
  type: 'MandateMissionCompleted',
  schemaVersion: 1,
  data: {
    mandateId,
    completedOn: '2017-12-31',
    summary: 'Daily outreach held every day of the period',
    indicators: [{ name: 'minors_found', value: 612 }],
    staff: { salariedFte: 6, volunteers: 12 },
    fundedStaffFte: 6,
    ...data,
  },
});
