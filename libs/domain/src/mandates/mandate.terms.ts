import { CalendarDate } from '../shared/dates';

export const MISSION_TYPES = [
  'WATER_ACCESS',
  'LATRINES',
  'SHOWERS',
  'MEAL_DISTRIBUTION',
  'WASTE_REMOVAL',
  'MARAUDE_MINORS',
  'MARAUDE_SOCIAL',
  'INFORMATION_ORIENTATION',
  'DEPARTURES_RECEPTION_CENTRES',
  'SHELTER_MANAGEMENT',
  'COLD_WEATHER_SHELTER',
  'EMERGENCY_ACCOMMODATION',
  'DAY_CENTRE',
  'INTERPRETING',
] as const;
export type MissionType = (typeof MISSION_TYPES)[number];

export const AUTHORITY_KINDS = ['prefecture', 'sous_prefecture', 'ddets', 'commune', 'departement'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const INSTRUMENT_KINDS = [
  'annual_agreement',
  'multi_year_agreement', // CPO
  'cpom', // at most 5 years
  'veille_sociale_agreement', // CASF D.345-8
  'siao_agreement', // CASF L.345-2-4
  'attribution_order',
  'public_contract',
  'requisition',
] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

/** The conventions: written agreements in the sense of loi 2000-321 art. 10. */
export const WRITTEN_AGREEMENT_KINDS: readonly InstrumentKind[] = [
  'annual_agreement',
  'multi_year_agreement',
  'cpom',
  'veille_sociale_agreement',
  'siao_agreement',
];

/** Not subsidies: a contract buys a service, a requisition compels one against an indemnity. */
export const NON_SUBSIDY_KINDS: readonly InstrumentKind[] = ['public_contract', 'requisition'];

/**
 * The instruments whose decisions the written-agreement rule checks: subsidies that are no written
 * agreement (an attribution order). A decision by any other instrument reads nothing of the
 * operator's other subsidies and is never refused by the rule.
 */
export const isCheckedForWrittenAgreement = (kind: InstrumentKind): boolean => !NON_SUBSIDY_KINDS.includes(kind) && !WRITTEN_AGREEMENT_KINDS.includes(kind);

export const FINANCING_NATURES = ['cash', 'in_kind'] as const;
/** SCDL `conditionsVersement`: unique, échelonné, autre. */
export const PAYMENT_TERMS = ['single', 'instalments', 'other'] as const;
/** 177 hébergement et insertion, 303 immigration et asile, 104 intégration, 304 inclusion sociale. */
export const BUDGET_PROGRAMMES = ['177', '303', '104', '304'] as const;

export interface Authority {
  readonly kind: AuthorityKind;
  readonly name: string;
  readonly siret: string;
  readonly departement: string;
}

interface InstrumentCommon {
  readonly reference: string;
  readonly decisionDate: CalendarDate;
  readonly signatureDate?: CalendarDate;
}
export type Instrument =
  | (InstrumentCommon & { readonly kind: Exclude<InstrumentKind, 'public_contract'> })
  | (InstrumentCommon & {
      readonly kind: 'public_contract';
      readonly cpv: string;
      /** Required of a contract granted since the DECP export (issue 21); absent from those recorded before. */
      readonly procurement?: Procurement;
    });

// The DECP 2.0.3 vocabularies (arrêté du 22 décembre 2022), kept in the format's own words.
export const CONTRACT_PROCEDURES = [
  'Procédure adaptée',
  "Appel d'offres ouvert",
  "Appel d'offres restreint",
  'Procédure avec négociation',
  'Marché passé sans publicité ni mise en concurrence préalable',
  'Dialogue compétitif',
] as const;
export const PURCHASE_TECHNIQUES = [
  'Accord-cadre',
  'Concours',
  'Système de qualification',
  "Système d'acquisition dynamique",
  'Catalogue électronique',
  'Enchère électronique',
  'Sans objet',
] as const;
export const EXECUTION_MODES = ['Tranches', 'Bons de commande', 'Marchés subséquents', 'Sans objet'] as const;
export const CCAGS = [
  'Travaux',
  "Maitrise d'œuvre",
  'Fournitures courantes et services',
  'Marchés industriels',
  'Prestations intellectuelles',
  "Techniques de l'information et de la communication",
  'Pas de CCAG',
] as const;
export const PRICE_FORMS = ['Unitaire', 'Forfaitaire', 'Mixte'] as const;
export const PRICE_TYPES = ['Définitif ferme', 'Définitif actualisable', 'Définitif révisable', 'Provisoire'] as const;
export const SOCIAL_CONSIDERATIONS = ['Clause sociale', 'Critère social', 'Marché réservé', 'Pas de considération sociale'] as const;
export const ENVIRONMENTAL_CONSIDERATIONS = ['Clause environnementale', 'Critère environnemental', 'Pas de considération environnementale'] as const;
export const OPERATOR_GROUPINGS = ['Conjoint', 'Solidaire', 'Pas de groupement'] as const;

/** What the buyer records of a public contract's award, for its essential data (DECP 2.0.3). */
export interface Procurement {
  /** When the contract was notified to its holder: DECP `dateNotification`, and the start of the two months to publish. */
  readonly notificationDate: CalendarDate;
  readonly procedure: (typeof CONTRACT_PROCEDURES)[number];
  readonly techniques: readonly (typeof PURCHASE_TECHNIQUES)[number][];
  readonly executionModes: readonly (typeof EXECUTION_MODES)[number][];
  readonly ccag: (typeof CCAGS)[number];
  readonly offersReceived: number;
  readonly priceForm: (typeof PRICE_FORMS)[number];
  readonly priceTypes: readonly (typeof PRICE_TYPES)[number][];
  /** An advance paid to the holder, and its rate (0.1: 10 %) when known. */
  readonly advance: { readonly granted: boolean; readonly rate?: number };
  readonly subcontractingDeclared: boolean;
  readonly innovative: boolean;
  readonly grouping: (typeof OPERATOR_GROUPINGS)[number];
  readonly socialConsiderations: readonly (typeof SOCIAL_CONSIDERATIONS)[number][];
  readonly environmentalConsiderations: readonly (typeof ENVIRONMENTAL_CONSIDERATIONS)[number][];
}

/** `{source: 'CASF', article: 'D.345-8'}`, `{source: 'court_decision', reference: 'TA Lille 1705379'}`. */
export interface LegalReference {
  readonly source: string;
  readonly article?: string;
  readonly reference?: string;
}

/**
 * What a reported value means, so that reports over several periods aggregate it rightly:
 * - `count`: occurrences during the reported period (people informed): summed;
 * - `stock`: a level on the last day of the reported period (latrines available): the last one holds;
 * - `rate`: an amount per day, week or month (`per`; showers per week): averaged, weighted by days.
 */
export const INDICATOR_KINDS = ['count', 'stock', 'rate'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const RATE_PERIODS = ['day', 'week', 'month'] as const;
export type RatePeriod = (typeof RATE_PERIODS)[number];

/** An evaluation indicator as a grant or an amendment declares it: `kind` defaults to `count`. */
export interface IndicatorDeclaration {
  /** Unique within the mandate: activity reports name it. */
  readonly name: string;
  readonly unit: string;
  /** For a count, over the mandate's period; for a stock, the level to hold; for a rate, per `per`. */
  readonly target: number;
  readonly kind?: IndicatorKind;
  /** Given for a rate, and only then. */
  readonly per?: RatePeriod;
  /** How reports name it in French (`douches par semaine`); the name serves when absent. */
  readonly label?: string;
}

/** An indicator as recorded: its kind always stated (`count` for those recorded before kinds existed). */
export interface Indicator extends IndicatorDeclaration {
  readonly kind: IndicatorKind;
}

export interface Mission {
  readonly type: MissionType;
  readonly indicators: readonly Indicator[];
}

/** A mission as a grant or an amendment declares it. */
export interface MissionDeclaration {
  readonly type: MissionType;
  readonly indicators: readonly IndicatorDeclaration[];
}

/**
 * A place within the territory: a label and the INSEE commune it lies in (`secteur est`, 62193).
 * Coverage matches sites on both, the label compared without case, accents nor extra spaces.
 * The commune was optional before: a site recorded without one is matched on its label alone.
 */
export interface Site {
  readonly name: string;
  readonly commune?: string;
}

export interface Territory {
  readonly departement: string;
  /** INSEE commune codes; none means the whole département. */
  readonly communes: readonly string[];
  readonly sites?: readonly Site[];
}

/** Both days included. */
export interface Period {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/** One payment of the schedule. Its due date names it: a mandate schedules one instalment a day at most. */
export interface Instalment {
  readonly dueDate: CalendarDate;
  readonly amountCents: number;
}

/** The open-data sets a decision is published in: SCDL subventions (subsidies) and DECP (public contracts). */
export const OPEN_DATA_SETS = ['scdl_subventions', 'decp'] as const;
export type OpenDataSet = (typeof OPEN_DATA_SETS)[number];

export interface Financing {
  /** Integer cents for the period this financing covers. */
  readonly amountCents: number;
  readonly nature: (typeof FINANCING_NATURES)[number];
  readonly paymentTerms: (typeof PAYMENT_TERMS)[number];
  /** When given, the instalments add up to `amountCents`. */
  readonly schedule?: readonly Instalment[];
  readonly programme: (typeof BUDGET_PROGRAMMES)[number];
  /** Chorus legal commitment (engagement juridique) number, 10 digits. */
  readonly chorusCommitment?: string;
}

/** Only salaried FTE are funded staff; volunteers are recorded, never counted. */
export interface Staffing {
  readonly salariedFte: number;
  readonly volunteers?: number;
}

export interface LinkedObligation {
  readonly complianceCaseId: string;
  readonly obligationId: string;
}

export interface IndicatorValue {
  readonly name: string;
  readonly value: number;
}
