import type { ApiProblem } from './api/client';
import type { MandateStatus, Role } from './api/types';

// Everything the console says, in French; the API's codes and enums are the keys.

export const MISSION_TYPES: Readonly<Record<string, string>> = {
  WATER_ACCESS: "Accès à l'eau",
  LATRINES: 'Latrines',
  SHOWERS: 'Douches',
  MEAL_DISTRIBUTION: 'Distribution de repas',
  WASTE_REMOVAL: 'Enlèvement des déchets',
  MARAUDE_MINORS: 'Maraude mineurs',
  MARAUDE_SOCIAL: 'Maraude sociale',
  INFORMATION_ORIENTATION: 'Information et orientation',
  DEPARTURES_RECEPTION_CENTRES: "Départs vers les centres d'accueil",
  SHELTER_MANAGEMENT: "Gestion d'hébergement",
  COLD_WEATHER_SHELTER: 'Mise à l’abri grand froid',
  EMERGENCY_ACCOMMODATION: "Hébergement d'urgence",
  DAY_CENTRE: "Accueil de jour",
  INTERPRETING: 'Interprétariat',
};

export const STATUSES: Readonly<Record<MandateStatus, string>> = {
  pending: 'À venir',
  active: 'En vigueur',
  suspended: 'Suspendu',
  expired: 'Échu',
  completed: 'Achevé',
  terminated: 'Résilié',
};

export const STATUS_SEVERITY: Readonly<Record<MandateStatus, 'success' | 'warning' | 'info' | 'error' | 'new' | undefined>> = {
  pending: 'new',
  active: 'success',
  suspended: 'warning',
  expired: undefined,
  completed: 'info',
  terminated: 'error',
};

export const ROLES: Readonly<Record<Role, string>> = { officer: 'Agent instructeur', auditor: 'Auditeur', operator: 'Opérateur', admin: 'Administrateur' };

export const AUTHORITY_KINDS: Readonly<Record<string, string>> = {
  prefecture: 'Préfecture',
  sous_prefecture: 'Sous-préfecture',
  ddets: 'DDETS',
  commune: 'Commune',
  departement: 'Département',
};

export const INSTRUMENT_KINDS: Readonly<Record<string, string>> = {
  annual_agreement: "Convention annuelle d'objectifs",
  multi_year_agreement: "Convention pluriannuelle d'objectifs (CPO)",
  cpom: 'CPOM',
  veille_sociale_agreement: 'Convention de veille sociale (CASF D.345-8)',
  siao_agreement: 'Convention SIAO (CASF L.345-2-4)',
  attribution_order: "Arrêté d'attribution",
  public_contract: 'Marché public',
  requisition: 'Réquisition',
};

export const LEGAL_FORMS: Readonly<Record<string, string>> = {
  association: 'Association',
  association_rup: "Association reconnue d'utilité publique",
  public_establishment: 'Établissement public départemental',
  civil_protection_association: 'Association de protection civile',
  company: 'Entreprise',
};

/** A legal basis names a code or law as it is cited (CASF, loi 2000-321), or a court's decision. */
export const LEGAL_SOURCES: Readonly<Record<string, string>> = { court_decision: 'Décision de justice' };

export const FINANCING_NATURES: Readonly<Record<string, string>> = { cash: 'Numéraire', in_kind: 'En nature' };
export const PAYMENT_TERMS: Readonly<Record<string, string>> = { single: 'Versement unique', instalments: 'Versements échelonnés', other: 'Autres modalités' };
export const PROGRAMMES: Readonly<Record<string, string>> = {
  '177': '177 – Hébergement, parcours vers le logement',
  '303': '303 – Immigration et asile',
  '104': '104 – Intégration et accès à la nationalité',
  '304': '304 – Inclusion sociale et protection des personnes',
};

export const PROCEDURES: Readonly<Record<string, string>> = {
  refere_liberte: 'Référé-liberté',
  refere_suspension: 'Référé-suspension',
  refere_mesures_utiles: 'Référé mesures utiles',
  merits: 'Jugement au fond',
  execution: "Procédure d'exécution",
};

export const STANDINGS: Readonly<Record<string, string>> = { ordered: 'Ordonnée', satisfied: 'Satisfaite', contested: 'Contestée', superseded: 'Remplacée' };

export const REPORT_STATUSES: Readonly<Record<string, string>> = {
  not_started: 'Non commencée',
  in_progress: 'En cours (délai non échu)',
  implemented: 'Exécutée',
  implemented_late: 'Exécutée en retard',
  lapsed: 'Interrompue',
  contested: 'Contestée',
  superseded: 'Remplacée',
};

export const EVENT_TYPES: Readonly<Record<string, string>> = {
  MandateGranted: 'Attribution',
  MandateAmended: 'Avenant',
  MandateRenewed: 'Renouvellement',
  MandateSuspended: 'Suspension',
  MandateReinstated: 'Reprise',
  MandateTerminated: 'Résiliation',
  MandateActivityReported: "Compte rendu d'activité",
  MandateMissionCompleted: 'Achèvement de la mission',
  OperatorRegistered: 'Enregistrement',
  OperatorDetailsUpdated: 'Mise à jour',
  OperatorDeregistered: 'Radiation',
  ComplianceCaseOpened: "Ouverture de l'affaire",
  ComplianceAppealDecided: 'Décision en appel',
  ComplianceObligationAdded: 'Injonction',
  ComplianceDecisionNotified: 'Notification',
  ComplianceMeasureLinked: 'Mesure rattachée',
  ComplianceEvidenceAttached: 'Pièce jointe',
  ComplianceConsultationHeld: 'Concertation',
  ComplianceObligationSatisfied: 'Injonction satisfaite',
  ComplianceObligationContested: 'Injonction contestée',
  ComplianceCaseClosed: "Clôture de l'affaire",
  ComplianceReportIssued: 'Rapport émis',
};

export const label = (labels: Readonly<Record<string, string>>, key: string | undefined | null): string => (key ? (labels[key] ?? key) : '—');

/** 27/07/2017, as people write dates here. */
export const frenchDate = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
};

const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `27/07/2017` as `2017-07-27`, if it is a day of the calendar. */
export const isoOfFrenchDate = (text: string): string | undefined => {
  const match = FRENCH_DATE.exec(text.trim());
  if (!match) return undefined;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
};

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

/** 27/07/2017 14:05:09 (heure de Paris). */
export const frenchDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : '—');

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const money = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : euros.format(cents / 100));

const numbers = new Intl.NumberFormat('fr-FR');
export const count = (value: number): string => numbers.format(value);

/** Today's date in Paris, `YYYY-MM-DD`. */
export const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** An instant's `datetime-local` value in Paris time, and back. */
export const localInputOf = (iso: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
};

/** A `datetime-local` value read as Paris time, as an ISO instant. */
export const instantOfLocalInput = (value: string): string => {
  const guess = new Date(`${value}Z`);
  // Paris is UTC+1 or UTC+2: take the offset Paris has at that moment.
  const offsetMinutes = (Date.parse(`${localInputOf(guess.toISOString())}Z`) - guess.getTime()) / 60000;
  return new Date(guess.getTime() - offsetMinutes * 60000).toISOString();
};

const PROBLEMS: Readonly<Record<string, string>> = {
  NETWORK: 'Le service ne répond pas. Vérifiez votre connexion et réessayez.',
  UNAUTHENTICATED: 'Votre session a pris fin : reconnectez-vous.',
  INVALID_SESSION: 'Votre session a pris fin : reconnectez-vous.',
  ROLE_NOT_ALLOWED: "Votre rôle ne permet pas cette action.",
  OUTSIDE_DEPARTEMENTS: 'Cette ressource relève de départements qui ne sont pas les vôtres.',
  NOT_OWN_MANDATE: "Un opérateur n'agit que sur ses propres mandats.",
  MANDATE_NOT_FOUND: 'Ce mandat est introuvable.',
  OPERATOR_NOT_FOUND: 'Cet opérateur est introuvable.',
  COMPLIANCE_CASE_NOT_FOUND: 'Cette affaire est introuvable.',
  VALIDATION_FAILED: 'Certains champs sont à corriger.',
  PRECONDITION_FAILED: "Ce mandat a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert.",
  CONCURRENT_MODIFICATION: "Ce mandat a été modifié au même moment par quelqu'un d'autre.",
  MANDATE_NOT_ACTIVE: "Le mandat n'est pas en vigueur à cette date.",
  MANDATE_NOT_SUSPENDED: "Le mandat n'est pas suspendu.",
  WRITTEN_AGREEMENT_REQUIRED: 'Au-delà du seuil annuel, une convention écrite est requise (loi 2000-321, art. 10).',
  RATE_LIMITED: 'Trop de requêtes en une minute : patientez un instant.',
  SIGN_IN_LINK_USED: 'Ce lien de connexion a déjà servi : chaque lien ouvre une seule session.',
  SIGN_IN_LINK_EXPIRED: 'Ce lien de connexion a expiré (10 minutes) : demandez-en un nouveau.',
  SIGN_IN_LINK_INVALID: "Ce lien de connexion n'est pas valide.",
  CROSS_SITE_REQUEST: "Cette action doit être faite depuis la console elle-même.",
  CONSOLE_NOT_BUILT: "La console n'est pas construite.",
};

/** What to tell a person about a problem: the API's code in French, else its own words. */
export const problemText = (problem: ApiProblem): string => {
  if (problem.status === 412) return PROBLEMS.PRECONDITION_FAILED;
  return PROBLEMS[problem.code] ?? (problem.status >= 500 ? 'Le service a rencontré une erreur. Réessayez dans un instant.' : problem.detail);
};

/** class-validator's messages (`period.end must be a date YYYY-MM-DD`), in French where we know them. */
export const fieldMessage = (message: string): string => {
  const rules: [RegExp, string][] = [
    [/should not be empty|must not be empty|must be a non-empty/, 'Ce champ est obligatoire.'],
    [/must be a (calendar )?date|YYYY-MM-DD/, 'Une date est attendue (jj/mm/aaaa).'],
    [/must be 14 digits/, 'Un SIRET a 14 chiffres.'],
    [/must be 9 digits/, 'Un SIREN a 9 chiffres.'],
    [/must be a UUID/, 'Un identifiant est attendu.'],
    [/must not be less than (\S+)/, 'La valeur est trop petite.'],
    [/must not be greater than (\S+)/, 'La valeur est trop grande.'],
    [/must be an integer|must be a whole/, 'Un nombre entier est attendu.'],
    [/must be a number/, 'Un nombre est attendu.'],
    [/must be one of the following values/, 'Choisissez une valeur de la liste.'],
    [/INSEE commune code/, 'Un code commune INSEE est attendu (62193 pour Calais), pas un code postal.'],
    [/département code/, 'Un code de département est attendu (62, 2A, 971…).'],
    [/must contain at least 1 elements?/, 'Au moins un élément est requis.'],
    [/bidirectional|blank/, 'Ce texte est vide ou contient des caractères de contrôle.'],
  ];
  const match = rules.find(([pattern]) => pattern.test(message));
  return match ? match[1] : message;
};
