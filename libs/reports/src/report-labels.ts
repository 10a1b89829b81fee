import type { CalendarDate, DayStanding, IndicatorKind, MissionType, ObligationStatus, PenaltyScope, Procedure, RatePeriod, ReviewKind } from '@mandate-ledger/domain';

// French wording of the PDF, which a court clerk files; the JSON and CSV keep the API's codes.

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  not_started: 'non commencée',
  in_progress: 'en cours',
  implemented: 'exécutée',
  implemented_late: 'exécutée avec retard',
  lapsed: 'exécution interrompue',
  contested: 'contestée',
  superseded: 'remplacée',
};

export const DAY_STANDING_LABELS: Record<DayStanding, string> = {
  not_due: 'pas encore dus',
  covered: 'couverts',
  satisfied: 'constatés exécutés',
  done: 'exécutée (ponctuelle)',
  late: "d'inexécution",
  superseded: 'après remplacement',
  closed: 'après clôture',
};

export const PENALTY_SCOPE_LABELS: Record<PenaltyScope, string> = {
  obligation: "propre à l'obligation",
  article: "commune aux obligations de l'article",
  decision: 'unique pour la décision',
};

const PER_LABELS: Record<RatePeriod, string> = { day: 'jour', week: 'semaine', month: 'mois' };

/** `cumul`, `stock`, `taux par semaine`: how the indicator's figure was aggregated. */
export const indicatorKindLabel = (kind: IndicatorKind, per: RatePeriod | null): string =>
  kind === 'count' ? 'cumul' : kind === 'stock' ? 'stock (dernière valeur)' : `taux par ${PER_LABELS[per ?? 'day']} (moyenne pondérée)`;

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { consultation: 'consultation des parties', bilan: 'bilan' };

/** A ratio as a French percentage: `0.8494` → `84,9 %`; null → `—`. */
export const percent = (ratio: number | null): string => (ratio === null ? '—' : `${frNumber(Math.round(ratio * 1000) / 10)} %`);

export const MISSION_LABELS: Record<MissionType, string> = {
  WATER_ACCESS: "points d'eau",
  LATRINES: 'latrines',
  SHOWERS: 'douches',
  MEAL_DISTRIBUTION: 'distribution de repas',
  WASTE_REMOVAL: 'enlèvement des déchets',
  MARAUDE_MINORS: 'maraude mineurs non accompagnés',
  MARAUDE_SOCIAL: 'maraude sociale',
  INFORMATION_ORIENTATION: 'information et orientation',
  DEPARTURES_RECEPTION_CENTRES: "départs vers les centres d'accueil",
  SHELTER_MANAGEMENT: "gestion d'hébergement",
  COLD_WEATHER_SHELTER: 'mise à l’abri grand froid',
  EMERGENCY_ACCOMMODATION: "hébergement d'urgence",
  DAY_CENTRE: 'accueil de jour',
  INTERPRETING: 'interprétariat',
};

export const PROCEDURE_LABELS: Record<Procedure, string> = {
  refere_liberte: 'référé-liberté (CJA L.521-2)',
  refere_suspension: 'référé-suspension (CJA L.521-1)',
  refere_mesures_utiles: 'référé mesures utiles (CJA L.521-3)',
  merits: 'jugement au fond',
  execution: "demande d'exécution (CJA L.911-4)",
};

/** `2017-06-28` → `28/06/2017`; null → `—`. */
export const frDate = (date: CalendarDate | null): string => (date === null ? '—' : `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`);

/** An instant in UTC, to the second: `15/01/2018 09:00:00 UTC`. */
export const frInstant = (instant: string): string => {
  const iso = new Date(instant).toISOString();
  return `${frDate(iso.slice(0, 10))} ${iso.slice(11, 19)} UTC`;
};

/** Integer cents → `1 900,00 €`, grouped with plain spaces (what reads back and searches the same in every PDF reader). */
export const euros = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole},${String(Math.abs(cents) % 100).padStart(2, '0')} €`;
};

/** A number as French writes it: `1 234,5`. */
export const frNumber = (value: number): string => {
  const [whole, fraction] = String(value).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}${fraction ? `,${fraction}` : ''}`;
};
