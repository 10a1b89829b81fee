import { type DateInterval, daysIn } from '@mandate-ledger/domain';
import type { ComplianceReportContent, ObligationReport } from './compliance-report.content';

/**
 * One table (RFC 4180: one header, CRLF, fields quoted when they hold a comma, a quote or a line
 * break). Every row repeats the case, the period and `as_known_at`, and says what it is in `row`:
 * `obligation` (the figures), `covered` and `gap` (intervals of the obligation), `in_effect` and
 * `suspended` (a linked mandate's intervals), `indicator` (a reported total), and one `total`.
 * Money in integer cents, dates YYYY-MM-DD, as everywhere in the API.
 */
export const CSV_COLUMNS = [
  'case_id',
  'period_from',
  'period_to',
  'as_known_at',
  'row',
  'obligation_id',
  'article',
  'mission_type',
  'departement',
  'communes',
  'notified_on',
  'deadline',
  'first_measure_in_effect_on',
  'satisfied_on',
  'implemented_on',
  'days_late',
  'penalty_per_day_cents',
  'penalty_exposure_cents',
  'covered_at_end',
  'status',
  'superseded_on',
  'mandate_id',
  'from',
  'to',
  'days',
  'indicator',
  'unit',
  'value',
  'reports',
  'extends_beyond_period',
  'text',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | boolean | null>>;

/** RFC 4180 §2.6–2.7: quoted when needed, inner quotes doubled. */
export const csvField = (value: string | number | boolean | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const interval = (row: string, { from, to }: DateInterval): Row => ({ row, from, to, days: daysIn({ from, to }) });

const obligationRows = (o: ObligationReport): Row[] => {
  const on = { obligation_id: o.obligationId, article: o.article };
  return [
    {
      ...on,
      row: 'obligation',
      mission_type: o.missionType,
      departement: o.territory.departement,
      communes: o.territory.communes.join(' '),
      notified_on: o.notifiedOn,
      deadline: o.deadline,
      first_measure_in_effect_on: o.firstMeasureInEffectOn,
      satisfied_on: o.satisfiedOn,
      implemented_on: o.implementedOn,
      days_late: o.daysLate,
      penalty_per_day_cents: o.penaltyPerDayCents,
      penalty_exposure_cents: o.penaltyExposureCents,
      covered_at_end: o.coveredAtEnd,
      status: o.status,
      superseded_on: o.supersededOn,
      text: o.text,
    },
    ...o.covered.map((i) => ({ ...on, ...interval('covered', i) })),
    ...o.gaps.map((i) => ({ ...on, ...interval('gap', i) })),
    ...o.measures.flatMap((m) => [
      ...m.inEffect.map((i) => ({ ...on, mandate_id: m.mandateId, ...interval('in_effect', i) })),
      ...m.suspended.map((i) => ({ ...on, mandate_id: m.mandateId, ...interval('suspended', i) })),
    ]),
    ...o.indicators.map((i) => ({
      ...on,
      row: 'indicator',
      indicator: i.name,
      unit: i.unit,
      value: i.total,
      reports: i.reports,
      extends_beyond_period: i.extendsBeyondPeriod,
    })),
  ];
};

/** The report as CSV text (UTF-8 once encoded). */
export const renderComplianceReportCsv = (report: ComplianceReportContent): string => {
  const common: Row = { case_id: report.complianceCaseId, period_from: report.period.from, period_to: report.period.to, as_known_at: report.asKnownAt };
  const rows: Row[] = [...report.obligations.flatMap(obligationRows), { row: 'total', penalty_exposure_cents: report.totals.penaltyExposureCents }];
  const line = (row: Row) => {
    const cells: Row = { ...common, ...row };
    return CSV_COLUMNS.map((column) => csvField(cells[column])).join(',');
  };
  const lines = [CSV_COLUMNS.join(','), ...rows.map(line)];
  return `${lines.join('\r\n')}\r\n`;
};
