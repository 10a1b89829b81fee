import { createHash } from 'node:crypto';
import type {
  AddComplianceObligation,
  Addressee,
  AttachComplianceEvidence,
  Authority,
  CalendarDate,
  CompleteMandateMission,
  GrantMandate,
  LegalReference,
  LinkComplianceMeasure,
  OpenComplianceCase,
  OperatorDetails,
  OrderMandateRecovery,
  ReceiveMandateFinancialReport,
  RecordComplianceAppeal,
  RecordMandatePayment,
  RecordMandatePublication,
  WithholdMandatePayment,
  RecordComplianceNotification,
  ReinstateMandate,
  RenewMandate,
  ReportMandateActivity,
  SuspendMandate,
  Territory,
} from '@mandate-ledger/domain';
import { uuidFromSeed } from '@mandate-ledger/event-store';

/**
 * The Calais data set of `npm run cli -- demo`: the operators and mandates that answered the
 * court order of 2017 (DESIGN §1), modelled on 2017–2018, and the compliance cases of that order
 * and of its follow-up of 2018. Start dates, missions, operators, courts, case numbers, decision
 * dates, addressees, deadlines and the penalty follow the public record; end dates, amounts,
 * references, indicator values and the suspension are plausible inventions, and every identifier
 * is synthetic.
 */
export const CALAIS_2017 = 'calais-2017';

/** Stable ids: the same seed gives the same UUID on every machine, so runs and docs agree. */
const idOf = (what: string) => uuidFromSeed(`${CALAIS_2017}:${what}`);

export const CALAIS_2017_IDS = {
  operators: {
    laVieActive: idOf('operator:la-vie-active'),
    franceTerreDAsile: idOf('operator:france-terre-d-asile'),
    audasse: idOf('operator:audasse'),
  },
  mandates: {
    minorsOutreach: idOf('mandate:minors-outreach'),
    waterAndLatrines: idOf('mandate:water-and-latrines'),
    showers: idOf('mandate:showers'),
    informationPoint: idOf('mandate:information-point'),
    meals: idOf('mandate:meal-distribution'),
  },
  complianceCases: {
    /** TA Lille, référé n° 1705379, 26 June 2017, upheld by the Conseil d'État on 31 July 2017. */
    order2017: idOf('compliance-case:ta-lille-1705379'),
    /** TA Lille, référé n° 1806567, 31 July 2018: a new latrine point for the eastern sector. */
    order2018: idOf('compliance-case:ta-lille-1806567'),
  },
} as const;

const { operators, mandates, complianceCases } = CALAIS_2017_IDS;

/**
 * Inputs of the data set: the dates the two orders were notified, from which their deadlines run.
 * The record gives the decision dates, not the notifications: these are choices of the demo.
 */
export interface DemoOptions {
  /** Notification of the order of 26 June 2017 (n° 1705379). */
  readonly notifiedOn: CalendarDate;
  /** Notification of the order of 31 July 2018 (n° 1806567). */
  readonly followUpNotifiedOn: CalendarDate;
}

/** A référé order is put on Télérecours within days: a week for the 2017 order, the day itself for the 2018 one. */
export const DEMO_DEFAULTS: DemoOptions = { notifiedOn: '2017-07-03', followUpNotifiedOn: '2018-07-31' };

type OnMandate<Command extends { readonly data: { readonly mandateId: string } }> = Omit<Command['data'], 'mandateId'>;
type OnCase<Command extends { readonly data: { readonly complianceCaseId: string } }> = Omit<Command['data'], 'complianceCaseId'>;

/** One decision of the data set. `name` is unique: it makes the decision's idempotency key. */
export type DemoStep = { readonly name: string } & (
  | { readonly decision: 'register'; readonly operatorId: string; readonly data: OperatorDetails }
  | { readonly decision: 'grant'; readonly mandateId: string; readonly data: Omit<GrantMandate['data'], 'mandateId'> }
  | { readonly decision: 'renew'; readonly mandateId: string; readonly data: OnMandate<RenewMandate> }
  | { readonly decision: 'suspend'; readonly mandateId: string; readonly data: OnMandate<SuspendMandate> }
  | { readonly decision: 'reinstate'; readonly mandateId: string; readonly data: OnMandate<ReinstateMandate> }
  | { readonly decision: 'report'; readonly mandateId: string; readonly data: OnMandate<ReportMandateActivity> }
  | { readonly decision: 'complete'; readonly mandateId: string; readonly data: OnMandate<CompleteMandateMission> }
  | { readonly decision: 'pay'; readonly mandateId: string; readonly data: OnMandate<RecordMandatePayment> }
  | { readonly decision: 'withhold'; readonly mandateId: string; readonly data: OnMandate<WithholdMandatePayment> }
  | { readonly decision: 'recover'; readonly mandateId: string; readonly data: OnMandate<OrderMandateRecovery> }
  | { readonly decision: 'financial-report'; readonly mandateId: string; readonly data: OnMandate<ReceiveMandateFinancialReport> }
  | { readonly decision: 'publish'; readonly mandateId: string; readonly data: OnMandate<RecordMandatePublication> }
  | { readonly decision: 'open-case'; readonly complianceCaseId: string; readonly data: OnCase<OpenComplianceCase> }
  | { readonly decision: 'appeal'; readonly complianceCaseId: string; readonly data: OnCase<RecordComplianceAppeal> }
  | { readonly decision: 'add-obligation'; readonly complianceCaseId: string; readonly data: OnCase<AddComplianceObligation> }
  | { readonly decision: 'notify'; readonly complianceCaseId: string; readonly data: OnCase<RecordComplianceNotification> }
  | { readonly decision: 'link-measure'; readonly complianceCaseId: string; readonly data: OnCase<LinkComplianceMeasure> }
  | { readonly decision: 'attach-evidence'; readonly complianceCaseId: string; readonly data: OnCase<AttachComplianceEvidence> }
);

// SIREN, SIRET and RNA numbers below are synthetic, not the real registrations: SIREN and SIRET are
// Luhn-valid and start with 99 so that nobody mistakes them for an entity's own; the RNA numbers
// (W622000…) are made up likewise. test/cli/demo.e2e-spec.ts checks them with the domain's validators.

const PREFET_62: Authority = { kind: 'prefecture', name: 'Préfet du Pas-de-Calais', siret: '99062000700015', departement: '62' };

const CALAIS: Territory = { departement: '62', communes: ['62193'] };

// Sites within Calais (labels the demo's; the obligations of 2017 name none, the order of 2018
// names the eastern sector): a mandate covers an obligation that names a site only if it names it too.
const VERROTIERES = { name: 'Rue des Verrotières', commune: '62193' };
const VIRVAL = { name: "Zone d'activité du Virval", commune: '62193' };
const EASTERN_SECTOR = { name: 'Campements du secteur Est, rue de Normandie-Niémen', commune: '62193' };

/**
 * Who brought the référés: associations active in Calais (the 2017 order names eleven of them and
 * people living in the camps; the demo lists four, and no person, as it stores no personal data).
 */
const APPLICANTS = ["L'Auberge des migrants", 'Utopia 56', 'Secours catholique – Caritas France', 'Médecins du Monde'];

/** The référé ordering water, latrines, showers and a daily outreach for minors, and its appeal. */
const COURT_ORDER: readonly LegalReference[] = [
  { source: 'court_decision', reference: 'TA Lille 1705379' },
  { source: 'court_decision', reference: 'CE 412125' },
];
const VEILLE_SOCIALE: LegalReference = { source: 'CASF', article: 'D.345-8' };
const WRITTEN_AGREEMENT: LegalReference = { source: 'loi 2000-321', article: 'art. 10' };

// Budget programmes: 177 (veille sociale) funds the unconditional basics — outreach, water,
// latrines, showers; 303 (immigration et asile) the meal contract and the asylum information point.

const registrations: DemoStep[] = [
  {
    name: 'operator:la-vie-active',
    decision: 'register',
    operatorId: operators.laVieActive,
    data: {
      name: 'La Vie Active',
      legalForm: 'association',
      siren: '990620015',
      siret: '99062001500018',
      rna: 'W622000015',
      departements: ['62'],
      languages: ['ar', 'en', 'fa', 'ps', 'ti'],
      salariedFte: 2000,
    },
  },
  {
    name: 'operator:france-terre-d-asile',
    decision: 'register',
    operatorId: operators.franceTerreDAsile,
    data: {
      name: "France terre d'asile",
      legalForm: 'association_rup',
      siren: '990750010',
      // The establishment that runs the Calais outreach.
      siret: '99075001000623',
      rna: 'W622000023',
      departements: ['13', '14', '33', '59', '62', '67', '75', '93', '94'],
      languages: ['am', 'ar', 'en', 'fa', 'prs', 'ps', 'so', 'ti'],
      salariedFte: 900,
    },
  },
  {
    name: 'operator:audasse',
    decision: 'register',
    operatorId: operators.audasse,
    data: {
      name: 'AUDASSE',
      legalForm: 'association',
      siren: '990620023',
      siret: '99062002300012',
      rna: 'W622000031',
      departements: ['62'],
      languages: ['ar', 'en', 'fa', 'ps', 'ti'],
      salariedFte: 14,
    },
  },
];

/** 1. The outreach for minors the court ordered: France terre d'asile, 6 outreach workers, 7 days a week. */
const minorsOutreach: DemoStep[] = [
  {
    name: 'minors-outreach:grant',
    decision: 'grant',
    mandateId: mandates.minorsOutreach,
    data: {
      operatorId: operators.franceTerreDAsile,
      authority: PREFET_62,
      instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
      legalBasis: [VEILLE_SOCIALE, ...COURT_ORDER, WRITTEN_AGREEMENT],
      missions: [{
        type: 'MARAUDE_MINORS',
        indicators: [
          { name: 'outreach_days_per_week', unit: 'days', target: 7, kind: 'rate', per: 'week', label: 'jours de maraude par semaine' },
          { name: 'minors_found', unit: 'persons', target: 100, kind: 'rate', per: 'month', label: 'mineurs rencontrés par mois' },
          { name: 'minors_sheltered', unit: 'persons', target: 30, kind: 'rate', per: 'month', label: 'mineurs mis à l’abri par mois' },
        ],
      }],
      territory: CALAIS,
      period: { start: '2017-07-27', end: '2017-12-31' },
      financing: {
        amountCents: 12_000_000,
        nature: 'cash',
        paymentTerms: 'instalments',
        schedule: [
          { dueDate: '2017-08-31', amountCents: 8_400_000 },
          { dueDate: '2017-11-30', amountCents: 3_600_000 },
        ],
        programme: '177',
        chorusCommitment: '2101706214',
      },
      staffing: { salariedFte: 6 },
    },
  },
  {
    name: 'minors-outreach:report-2017-08',
    decision: 'report',
    mandateId: mandates.minorsOutreach,
    data: {
      periodStart: '2017-08-01',
      periodEnd: '2017-08-31',
      indicators: [
        { name: 'outreach_days_per_week', value: 7 },
        { name: 'minors_found', value: 143 },
        { name: 'minors_sheltered', value: 41 },
      ],
      staff: { salariedFte: 6 },
    },
  },
  {
    name: 'minors-outreach:renewal-2018',
    decision: 'renew',
    mandateId: mandates.minorsOutreach,
    data: {
      newEnd: '2018-12-31',
      decisionReference: 'CONV-2018-62-002',
      financing: {
        amountCents: 29_000_000,
        nature: 'cash',
        paymentTerms: 'instalments',
        schedule: [
          { dueDate: '2018-02-28', amountCents: 20_300_000 },
          { dueDate: '2018-09-30', amountCents: 8_700_000 },
        ],
        programme: '177',
        chorusCommitment: '2101800002',
      },
    },
  },
];

/** 2. Water points and latrines, La Vie Active, from 14 August 2017. */
const waterAndLatrines: DemoStep[] = [
  {
    name: 'water-and-latrines:grant',
    decision: 'grant',
    mandateId: mandates.waterAndLatrines,
    data: {
      operatorId: operators.laVieActive,
      authority: PREFET_62,
      instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-019', decisionDate: '2017-08-11', signatureDate: '2017-08-11' },
      legalBasis: [...COURT_ORDER, WRITTEN_AGREEMENT],
      missions: [
        {
          type: 'WATER_ACCESS',
          indicators: [{ name: 'litres_per_person_per_day', unit: 'litres per person', target: 15, kind: 'rate', per: 'day', label: "litres d'eau par personne et par jour" }],
        },
        { type: 'LATRINES', indicators: [{ name: 'latrines_available', unit: 'latrines', target: 20, kind: 'stock', label: 'latrines disponibles' }] },
      ],
      territory: { ...CALAIS, sites: [VERROTIERES, VIRVAL] },
      period: { start: '2017-08-14', end: '2018-08-13' },
      financing: {
        amountCents: 42_000_000,
        nature: 'cash',
        paymentTerms: 'instalments',
        schedule: [
          { dueDate: '2017-09-15', amountCents: 21_000_000 },
          { dueDate: '2018-02-15', amountCents: 21_000_000 },
        ],
        programme: '177',
        chorusCommitment: '2101706219',
      },
      staffing: { salariedFte: 4 },
    },
  },
  {
    name: 'water-and-latrines:report-2017-09',
    decision: 'report',
    mandateId: mandates.waterAndLatrines,
    data: {
      periodStart: '2017-09-01',
      periodEnd: '2017-09-30',
      indicators: [
        { name: 'litres_per_person_per_day', value: 13.5 },
        { name: 'latrines_available', value: 20 },
      ],
      staff: { salariedFte: 4 },
    },
  },
];

/** 3. Showers, La Vie Active, from 8 September 2017; suspended four days after a security incident. */
const showers: DemoStep[] = [
  {
    name: 'showers:grant',
    decision: 'grant',
    mandateId: mandates.showers,
    data: {
      operatorId: operators.laVieActive,
      authority: PREFET_62,
      instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-023', decisionDate: '2017-09-06', signatureDate: '2017-09-07' },
      legalBasis: [...COURT_ORDER, WRITTEN_AGREEMENT],
      missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 1400, kind: 'rate', per: 'week', label: 'douches par semaine' }] }],
      territory: { ...CALAIS, sites: [VERROTIERES] },
      period: { start: '2017-09-08', end: '2018-09-07' },
      financing: {
        amountCents: 60_000_000,
        nature: 'cash',
        paymentTerms: 'instalments',
        schedule: [
          { dueDate: '2017-09-29', amountCents: 30_000_000 },
          { dueDate: '2018-03-15', amountCents: 30_000_000 },
        ],
        programme: '177',
        chorusCommitment: '2101706223',
      },
      staffing: { salariedFte: 8 },
    },
  },
  {
    name: 'showers:report-2017-09',
    decision: 'report',
    mandateId: mandates.showers,
    data: { periodStart: '2017-09-08', periodEnd: '2017-09-30', indicators: [{ name: 'showers_per_week', value: 1120 }], staff: { salariedFte: 8 } },
  },
  {
    name: 'showers:report-2017-10',
    decision: 'report',
    mandateId: mandates.showers,
    data: { periodStart: '2017-10-01', periodEnd: '2017-10-31', indicators: [{ name: 'showers_per_week', value: 1385 }], staff: { salariedFte: 8 } },
  },
  {
    name: 'showers:suspension',
    decision: 'suspend',
    mandateId: mandates.showers,
    data: {
      effectiveFrom: '2017-11-20',
      reason: 'Security incident at the shower site: service halted to protect users and staff until the site is secured',
      decisionReference: 'DEC-2017-62-0412',
    },
  },
  {
    name: 'showers:reinstatement',
    decision: 'reinstate',
    mandateId: mandates.showers,
    data: { effectiveFrom: '2017-11-24', decisionReference: 'DEC-2017-62-0418' },
  },
  {
    name: 'showers:report-2017-11',
    decision: 'report',
    mandateId: mandates.showers,
    data: { periodStart: '2017-11-01', periodEnd: '2017-11-30', indicators: [{ name: 'showers_per_week', value: 1040 }], staff: { salariedFte: 8 } },
  },
];

/** 4. The mobile information point, AUDASSE, from 16 October 2017 for six months, then its final report. */
const informationPoint: DemoStep[] = [
  {
    name: 'information-point:grant',
    decision: 'grant',
    mandateId: mandates.informationPoint,
    data: {
      operatorId: operators.audasse,
      authority: PREFET_62,
      instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-031', decisionDate: '2017-10-13', signatureDate: '2017-10-13' },
      legalBasis: [...COURT_ORDER, WRITTEN_AGREEMENT],
      // It informs, and organises the departures to reception centres the court ordered for those who wish.
      missions: [
        { type: 'INFORMATION_ORIENTATION', indicators: [{ name: 'people_informed', unit: 'persons', target: 2400, kind: 'count', label: 'personnes informées' }] },
        {
          type: 'DEPARTURES_RECEPTION_CENTRES',
          indicators: [{ name: 'orientations_to_reception_centres', unit: 'persons', target: 150, kind: 'count', label: "orientations vers les centres d'accueil" }],
        },
      ],
      territory: CALAIS,
      period: { start: '2017-10-16', end: '2018-04-15' },
      financing: {
        amountCents: 6_500_000,
        nature: 'cash',
        paymentTerms: 'single',
        schedule: [{ dueDate: '2017-10-31', amountCents: 6_500_000 }],
        programme: '303',
        chorusCommitment: '2101706231',
      },
      staffing: { salariedFte: 2 },
    },
  },
  {
    name: 'information-point:report-2017-q4',
    decision: 'report',
    mandateId: mandates.informationPoint,
    data: {
      periodStart: '2017-10-16',
      periodEnd: '2017-12-31',
      indicators: [
        { name: 'people_informed', value: 1180 },
        { name: 'orientations_to_reception_centres', value: 64 },
      ],
      // Volunteers are recorded, never counted as funded staff.
      staff: { salariedFte: 2, volunteers: 5 },
    },
  },
  {
    name: 'information-point:completion',
    decision: 'complete',
    mandateId: mandates.informationPoint,
    data: {
      completedOn: '2018-04-15',
      summary: 'Mobile information point held four half-days a week in Calais; people informed of their rights and of asylum, and oriented to reception centres.',
      indicators: [
        { name: 'people_informed', value: 2760 },
        { name: 'orientations_to_reception_centres', value: 171 },
      ],
      staff: { salariedFte: 2, volunteers: 4 },
    },
  },
];

/**
 * 5. Meals: a public contract (CPV 55320000-9, meal-serving services) from 6 March 2018, 20 FTE,
 * for seven months at the rate of about €3.6 M a year.
 */
const meals: DemoStep[] = [
  {
    name: 'meal-distribution:grant',
    decision: 'grant',
    mandateId: mandates.meals,
    data: {
      operatorId: operators.laVieActive,
      authority: PREFET_62,
      instrument: {
        kind: 'public_contract',
        cpv: '55320000-9',
        reference: 'MP-2018-62-001',
        decisionDate: '2018-02-28',
        signatureDate: '2018-03-02',
        // What its essential data (DECP) say of the award: negotiated without prior publication (urgency), two offers, unit prices on orders.
        procurement: {
          notificationDate: '2018-03-05',
          procedure: 'Marché passé sans publicité ni mise en concurrence préalable',
          techniques: ['Sans objet'],
          executionModes: ['Bons de commande'],
          ccag: 'Fournitures courantes et services',
          offersReceived: 2,
          priceForm: 'Unitaire',
          priceTypes: ['Définitif ferme'],
          advance: { granted: false },
          subcontractingDeclared: false,
          innovative: false,
          grouping: 'Pas de groupement',
          socialConsiderations: ['Pas de considération sociale'],
          environmentalConsiderations: ['Pas de considération environnementale'],
        },
      },
      // Social and other specific services (CPV 55320000-9 among them) may follow the adapted procedure.
      legalBasis: [{ source: 'décret 2016-360', article: 'art. 28' }],
      missions: [{ type: 'MEAL_DISTRIBUTION', indicators: [{ name: 'meals_per_day', unit: 'meals', target: 700, kind: 'rate', per: 'day', label: 'repas servis par jour' }] }],
      territory: {
        ...CALAIS,
        sites: [{ name: 'Rue des Huttes (zone industrielle des Dunes)', commune: '62193' }, VIRVAL],
      },
      period: { start: '2018-03-06', end: '2018-10-05' },
      financing: { amountCents: 210_000_000, nature: 'cash', paymentTerms: 'other', programme: '303', chorusCommitment: '2101800006' },
      staffing: { salariedFte: 20 },
    },
  },
  {
    name: 'meal-distribution:report-2018-03',
    decision: 'report',
    mandateId: mandates.meals,
    data: { periodStart: '2018-03-06', periodEnd: '2018-03-31', indicators: [{ name: 'meals_per_day', value: 420 }], staff: { salariedFte: 20 } },
  },
];

/**
 * 8. The money of 2017–2018: each instalment paid through Chorus within a week of its due date,
 * the financial reports of 2017 and 2018 (due by 30 June of the next year), and the publications
 * in open data. France terre d'asile's report for 2017 comes late (15 October 2018): the préfecture
 * withholds the outreach's September 2018 instalment for it. AUDASSE spent €3,000 less than it was
 * paid: a titre de perception recovers it. The meal contract is paid on invoices under the
 * contract, not by subsidy instalments; it is published in DECP, the subsidies in SCDL.
 */
const pay = (mandateId: string, key: string, dueDate: CalendarDate, paidOn: CalendarDate, amountCents: number, chorusReference: string): DemoStep => ({
  name: `${key}:payment-${dueDate}`,
  decision: 'pay',
  mandateId,
  data: { dueDate, paidOn, amountCents, chorusReference },
});
const financialReport = (mandateId: string, key: string, financialYear: number, receivedOn: CalendarDate, spentCents: number): DemoStep => ({
  name: `${key}:financial-report-${financialYear}`,
  decision: 'financial-report',
  mandateId,
  data: { financialYear, receivedOn, spentCents },
});
const publish = (mandateId: string, key: string, dataset: RecordMandatePublication['data']['dataset'], publishedOn: CalendarDate): DemoStep => ({
  name: `${key}:published-${dataset.replace('_', '-')}`,
  decision: 'publish',
  mandateId,
  data: { dataset, publishedOn },
});

const money: DemoStep[] = [
  publish(mandates.minorsOutreach, 'minors-outreach', 'scdl_subventions', '2017-10-20'),
  pay(mandates.minorsOutreach, 'minors-outreach', '2017-08-31', '2017-09-05', 8_400_000, 'DP-2017-62-004811'),
  pay(mandates.minorsOutreach, 'minors-outreach', '2017-11-30', '2017-12-06', 3_600_000, 'DP-2017-62-007120'),
  pay(mandates.minorsOutreach, 'minors-outreach', '2018-02-28', '2018-03-06', 20_300_000, 'DP-2018-62-001344'),
  {
    name: 'minors-outreach:withholding-2018-09-30',
    decision: 'withhold',
    mandateId: mandates.minorsOutreach,
    data: {
      dueDate: '2018-09-30',
      decidedOn: '2018-09-24',
      decisionReference: 'DEC-2018-62-0377',
      reason: "Compte rendu financier de l'exercice 2017 non produit dans les six mois suivant sa clôture (loi 2000-321 art. 10)",
      financialReportYear: 2017,
    },
  },
  financialReport(mandates.minorsOutreach, 'minors-outreach', 2017, '2018-10-15', 11_650_000),
  financialReport(mandates.minorsOutreach, 'minors-outreach', 2018, '2019-06-14', 20_300_000),

  // Published in December: the three months from its signature (11 August) ran out on 11 November.
  publish(mandates.waterAndLatrines, 'water-and-latrines', 'scdl_subventions', '2017-12-01'),
  pay(mandates.waterAndLatrines, 'water-and-latrines', '2017-09-15', '2017-09-20', 21_000_000, 'DP-2017-62-005378'),
  pay(mandates.waterAndLatrines, 'water-and-latrines', '2018-02-15', '2018-02-21', 21_000_000, 'DP-2018-62-000982'),
  financialReport(mandates.waterAndLatrines, 'water-and-latrines', 2017, '2018-05-30', 15_800_000),
  financialReport(mandates.waterAndLatrines, 'water-and-latrines', 2018, '2019-05-28', 25_900_000),

  publish(mandates.showers, 'showers', 'scdl_subventions', '2017-11-30'),
  pay(mandates.showers, 'showers', '2017-09-29', '2017-10-03', 30_000_000, 'DP-2017-62-005902'),
  pay(mandates.showers, 'showers', '2018-03-15', '2018-03-20', 30_000_000, 'DP-2018-62-001611'),
  financialReport(mandates.showers, 'showers', 2017, '2018-06-12', 17_900_000),
  financialReport(mandates.showers, 'showers', 2018, '2019-05-20', 41_600_000),

  publish(mandates.informationPoint, 'information-point', 'scdl_subventions', '2018-01-10'),
  pay(mandates.informationPoint, 'information-point', '2017-10-31', '2017-11-06', 6_500_000, 'DP-2017-62-006455'),
  financialReport(mandates.informationPoint, 'information-point', 2017, '2018-04-27', 2_900_000),
  financialReport(mandates.informationPoint, 'information-point', 2018, '2018-06-20', 3_300_000),
  {
    name: 'information-point:recovery-2018-07-16',
    decision: 'recover',
    mandateId: mandates.informationPoint,
    data: { titreReference: 'TP-2018-62-0091', orderedOn: '2018-07-16', amountCents: 300_000, reason: 'Solde non employé de la subvention (compte rendu financier 2018)' },
  },

  publish(mandates.meals, 'meal-distribution', 'decp', '2018-04-20'),
];

const PREFET: Addressee = { kind: 'prefet', name: 'Préfet du Pas-de-Calais' };
const COMMUNE: Addressee = { kind: 'commune', name: 'Commune de Calais' };

// The obligations are worded as the Conseil d'État summarised the injunctions of the order; the
// article numbers are the demo's. Each is due 10 days from the notification, under a penalty of
// €100 a day.
const ORDER_2017 = '1705379';
const obligation2017 = (terms: Pick<OnCase<AddComplianceObligation>, 'obligationId' | 'article' | 'text' | 'addressees' | 'missionType'>) => ({
  ...terms,
  decision: ORDER_2017,
  territory: CALAIS,
  deadlineDays: 10,
  penaltyPerDayCents: 10_000,
});

const OBLIGATIONS_2017 = [
  obligation2017({
    obligationId: 'maraude-minors',
    article: 'art. 2',
    text: 'mettre en place un dispositif adapté de maraude quotidienne à Calais à destination des mineurs non accompagnés',
    addressees: [PREFET],
    missionType: 'MARAUDE_MINORS',
  }),
  obligation2017({
    obligationId: 'water-points',
    article: 'art. 3',
    text: "créer plusieurs points d'eau, dans des lieux facilement accessibles, permettant de boire, de se laver et de laver ses vêtements",
    addressees: [PREFET, COMMUNE],
    missionType: 'WATER_ACCESS',
  }),
  obligation2017({
    obligationId: 'latrines',
    article: 'art. 3',
    text: 'créer des latrines dans des lieux facilement accessibles',
    addressees: [PREFET, COMMUNE],
    missionType: 'LATRINES',
  }),
  obligation2017({
    obligationId: 'showers',
    article: 'art. 3',
    text: "organiser un dispositif adapté d'accès à des douches",
    addressees: [PREFET, COMMUNE],
    missionType: 'SHOWERS',
  }),
  obligation2017({
    obligationId: 'departures-reception-centres',
    article: 'art. 4',
    text: "organiser, pour ceux qui le souhaitent, des départs depuis Calais vers les centres d'accueil et d'orientation disposant de places",
    addressees: [PREFET],
    missionType: 'DEPARTURES_RECEPTION_CENTRES',
  }),
];

/** Which demo mandate implements which obligation, from when: each carries the obligation's mission type. */
const MEASURES_2017: readonly { obligationId: string; mandateId: string; effectiveFrom: CalendarDate }[] = [
  { obligationId: 'maraude-minors', mandateId: mandates.minorsOutreach, effectiveFrom: '2017-07-27' },
  { obligationId: 'water-points', mandateId: mandates.waterAndLatrines, effectiveFrom: '2017-08-14' },
  { obligationId: 'latrines', mandateId: mandates.waterAndLatrines, effectiveFrom: '2017-08-14' },
  { obligationId: 'showers', mandateId: mandates.showers, effectiveFrom: '2017-09-08' },
  { obligationId: 'departures-reception-centres', mandateId: mandates.informationPoint, effectiveFrom: '2017-10-16' },
];

/** 6. The order of 2017 and its appeal, its obligations, its notification and the mandates that implement it. */
const order2017 = ({ notifiedOn }: DemoOptions): DemoStep[] => {
  const onCase = { complianceCaseId: complianceCases.order2017 };
  return [
    {
      name: 'case-2017:open',
      decision: 'open-case',
      ...onCase,
      data: {
        court: 'Tribunal administratif de Lille',
        caseNumbers: [ORDER_2017],
        decisionDate: '2017-06-26',
        procedure: 'refere_liberte',
        parties: { applicants: APPLICANTS, defendants: ['Préfet du Pas-de-Calais', 'Commune de Calais'] },
      },
    },
    {
      name: 'case-2017:appeal',
      decision: 'appeal',
      ...onCase,
      // The appeals of the ministre de l'intérieur and of the commune, joined, were rejected.
      data: { court: "Conseil d'État", caseNumbers: ['412125', '412171'], decisionDate: '2017-07-31', outcome: 'upheld' },
    },
    ...OBLIGATIONS_2017.map((data): DemoStep => ({ name: `case-2017:obligation:${data.obligationId}`, decision: 'add-obligation', ...onCase, data })),
    // The date is in the name: loading again with another date is refused, not silently ignored.
    { name: `case-2017:notified-on-${notifiedOn}`, decision: 'notify', ...onCase, data: { decision: ORDER_2017, notifiedOn } },
    ...MEASURES_2017.map((data): DemoStep => ({ name: `case-2017:measure:${data.obligationId}`, decision: 'link-measure', ...onCase, data })),
  ];
};

/** The stand-in for the report of the visit: only its SHA-256 is recorded, as for any document. */
export const EASTERN_SECTOR_INSPECTION =
  'Procès-verbal de constat (jeu de démonstration) : visite des campements du secteur Est, rue de Normandie-Niémen, Calais, ' +
  "le 20 août 2018. Aucun point d'accès à des latrines sur le site ; les latrines les plus proches sont celles de la rue des Verrotières.";

/**
 * 7. The follow-up order of 31 July 2018: a new latrine point for the camps of the eastern sector,
 * maintained regularly, within 10 days. The press reported no penalty, so none is recorded. The
 * préfecture links its latrines agreement, but that one serves other sites: the obligation stays
 * uncovered, as the inspection of 20 August 2018 records.
 */
const order2018 = ({ followUpNotifiedOn }: DemoOptions): DemoStep[] => {
  const onCase = { complianceCaseId: complianceCases.order2018 };
  return [
    {
      name: 'case-2018:open',
      decision: 'open-case',
      ...onCase,
      data: {
        court: 'Tribunal administratif de Lille',
        caseNumbers: ['1806567'],
        decisionDate: '2018-07-31',
        procedure: 'refere_liberte',
        parties: { applicants: APPLICANTS, defendants: ['Préfet du Pas-de-Calais'] },
      },
    },
    {
      name: 'case-2018:obligation:latrines-eastern-sector',
      decision: 'add-obligation',
      ...onCase,
      data: {
        obligationId: 'latrines-eastern-sector',
        decision: '1806567',
        article: 'art. 2',
        text: "mettre en place, à destination des campements du secteur Est, un nouveau point d'accès à des latrines entretenues régulièrement",
        addressees: [PREFET],
        missionType: 'LATRINES',
        territory: { ...CALAIS, sites: [EASTERN_SECTOR] },
        deadlineDays: 10,
        penaltyPerDayCents: 0,
      },
    },
    { name: `case-2018:notified-on-${followUpNotifiedOn}`, decision: 'notify', ...onCase, data: { decision: '1806567', notifiedOn: followUpNotifiedOn } },
    {
      name: 'case-2018:measure:latrines-eastern-sector',
      decision: 'link-measure',
      ...onCase,
      data: { obligationId: 'latrines-eastern-sector', mandateId: mandates.waterAndLatrines, effectiveFrom: '2018-07-31' },
    },
    {
      name: 'case-2018:evidence:inspection-2018-08-20',
      decision: 'attach-evidence',
      ...onCase,
      data: {
        sha256: createHash('sha256').update(EASTERN_SECTOR_INSPECTION, 'utf8').digest('hex'),
        title: 'Procès-verbal de constat : visite des campements du secteur Est, 20 août 2018',
        documentDate: '2018-08-20',
        obligationId: 'latrines-eastern-sector',
      },
    },
  ];
};

/** Every decision: grouped by mandate or case and, within one, in the order the authority or the court took them. */
export const calais2017Steps = (options: DemoOptions = DEMO_DEFAULTS): readonly DemoStep[] => [
  ...registrations,
  ...minorsOutreach,
  ...waterAndLatrines,
  ...showers,
  ...informationPoint,
  ...meals,
  ...money,
  ...order2017(options),
  ...order2018(options),
];

/** The data set with the default notification dates. */
export const CALAIS_2017_STEPS: readonly DemoStep[] = calais2017Steps();
