import { type CalendarDate, type Financing, NON_SUBSIDY_KINDS } from '@mandate-ledger/domain';
import { csvField } from '../compliance-report.csv';
import { euros, financingDecisionsOf, objectOf, type OpenDataSource } from './open-data-source';

/** The 16 fields of SCDL `subventions` 2.1.1, in the schema's order. */
export const SCDL_SUBVENTIONS_FIELDS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
] as const;

export type ScdlSubventionRow = Record<(typeof SCDL_SUBVENTIONS_FIELDS)[number], string>;

const NATURE: Record<Financing['nature'], string> = { cash: 'aide en numéraire', in_kind: 'aide en nature' };
const TERMS: Record<Financing['paymentTerms'], string> = { single: 'unique', instalments: 'échelonné', other: 'autre' };

/** One date when a single payment's date is known; otherwise the period of the schedule, else of the funding. */
const paymentDates = (financing: Financing, from: CalendarDate, to: CalendarDate): string => {
  const dates = (financing.schedule ?? []).map(({ dueDate }) => dueDate).sort();
  if (dates.length === 1) return dates[0];
  if (dates.length > 1) return `${dates[0]}/${dates.at(-1)}`;
  return `${from}/${to}`;
};

/**
 * SCDL `subventions` 2.1.1: one row per beneficiary and decision (a mandate has one beneficiary,
 * its operator, at 100 %): the grant and each renewal or amendment that set a financing, of the
 * authority whose SIRET is given, dated in `year`. Public contracts and requisitions are no subsidies.
 */
export const scdlSubventionRows = (sources: readonly OpenDataSource[], authoritySiret: string, year: number): ScdlSubventionRow[] =>
  sources
    .flatMap(({ events, operator }) =>
      financingDecisionsOf(events)
        .filter(({ mandate, date }) => mandate.authority.siret === authoritySiret && !NON_SUBSIDY_KINDS.includes(mandate.instrument.kind) && date.startsWith(`${year}-`))
        .map(({ mandate, date, reference, funding }) => ({
          nomAttribuant: mandate.authority.name,
          idAttribuant: mandate.authority.siret,
          dateConvention: date,
          referenceDecision: reference,
          nomBeneficiaire: operator.name,
          idBeneficiaire: operator.siret ?? '',
          rnaBeneficiaire: operator.rna ?? '',
          objet: objectOf(mandate, funding.from).slice(0, 256),
          montant: euros(funding.financing.amountCents),
          nature: NATURE[funding.financing.nature],
          conditionsVersement: TERMS[funding.financing.paymentTerms],
          datesPeriodeVersement: paymentDates(funding.financing, funding.from, funding.to),
          idRAE: '',
          notificationUE: 'non',
          pourcentageSubvention: '1.00',
          dispositifAide: '',
        })),
    )
    .sort((a, b) => a.dateConvention.localeCompare(b.dateConvention) || a.referenceDecision.localeCompare(b.referenceDecision));

/** RFC 4180 CSV (comma, CRLF), UTF-8, with the schema's header row. */
export const renderScdlSubventionsCsv = (rows: readonly ScdlSubventionRow[]): string =>
  [SCDL_SUBVENTIONS_FIELDS.join(','), ...rows.map((row) => SCDL_SUBVENTIONS_FIELDS.map((field) => csvField(row[field])).join(','))].map((line) => `${line}\r\n`).join('');
