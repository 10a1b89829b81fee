import { type DateInterval, daysIn, type PenaltyExposure } from '@mandate-ledger/domain';
import type { ComplianceReportContent, ObligationReport } from './compliance-report.content';

/**
 * One table (RFC 4180: one header, CRLF, fields quoted when they hold a comma, a quote or a line
 * break). Every row repeats the case, the period and `as_known_at`, and says what it is in `row`:
 * `obligation` (the figures, the counting rule), `covered` and `gap` (intervals of the obligation:
 * a gap is a run of days of non-execution), `in_effect` and `suspended` (a linked mandate's
 * intervals), `indicator` (aggregated by its kind, with target and attainment), `penalty` (one per
 * penalty the order sets, the amount incurred before liquidation), `liquidation`, `review`, and
 * one `total`. Money in integer cents, dates YYYY-MM-DD, as everywhere in the API.
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
  'sites',
  'one_off',
  'notified_on',
  'deadline',
  'first_measure_in_effect_on',
  'satisfied_on',
  'implemented_on',
  'days_late',
  'penalty_id',
  'penalty_scope',
  'penalty_per_day_cents',
  'penalty_starts_on',
  'penalty_days',
  'penalty_exposure_cents',
  'liquidated_cents',
  'state_share_cents',
  'covered_at_end',
  'status',
  'superseded_on',
  'mandate_id',
  'reference',
  'dated',
  'from',
  'to',
  'days',
  'due_on',
  'indicator',
  'label',
  'kind',
  'per',
  'unit',
  'value',
  'target',
  'attainment',
  'reports',
  'extends_beyond_period',
  'counting_rule',
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
      sites: (o.territory.sites ?? []).map(({ name, commune }) => (commune === undefined ? name : `${name} (${commune})`)).join('; '),
      one_off: o.oneOff,
      notified_on: o.notifiedOn,
      deadline: o.deadline,
      first_measure_in_effect_on: o.firstMeasureInEffectOn,
      satisfied_on: o.satisfiedOn,
      implemented_on: o.implementedOn,
      days_late: o.daysLate,
      penalty_id: o.penaltyId,
      penalty_scope: o.penaltyScope,
      penalty_per_day_cents: o.penaltyPerDayCents,
      penalty_starts_on: o.penaltyStartsOn,
      penalty_days: o.penaltyDays,
      penalty_exposure_cents: o.penaltyExposureCents,
      covered_at_end: o.coveredAtEnd,
      status: o.status,
      superseded_on: o.supersededOn,
      counting_rule: o.countingRule,
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
      label: i.label,
      kind: i.kind,
      per: i.per,
      unit: i.unit,
      value: i.value,
      target: i.target,
      attainment: i.attainment,
      reports: i.reports,
      to: i.lastReportEnd,
      extends_beyond_period: i.extendsBeyondPeriod,
    })),
  ];
};

const penaltyRows = (p: PenaltyExposure): Row[] => {
  const on = { penalty_id: p.penaltyId, penalty_scope: p.scope, obligation_id: p.obligationIds.join(' '), article: p.article };
  return [
    {
      ...on,
      row: 'penalty',
      reference: p.decision,
      penalty_per_day_cents: p.perDayCents,
      penalty_starts_on: p.startsOn,
      penalty_days: p.penaltyDays,
      penalty_exposure_cents: p.incurredCents,
      liquidated_cents: p.liquidatedCents,
      state_share_cents: p.stateShareCents,
    },
    ...p.liquidations.map((l) => ({
      ...on,
      ...interval('liquidation', l.period),
      reference: l.decisionReference,
      dated: l.liquidatedOn,
      liquidated_cents: l.amountCents,
      state_share_cents: l.stateShareCents,
      text: l.moderation ?? null,
    })),
  ];
};

/** The report as CSV text (UTF-8 once encoded). */
export const renderComplianceReportCsv = (report: ComplianceReportContent): string => {
  const common: Row = { case_id: report.complianceCaseId, period_from: report.period.from, period_to: report.period.to, as_known_at: report.asKnownAt };
  const rows: Row[] = [
    ...report.obligations.flatMap(obligationRows),
    ...report.penalties.flatMap(penaltyRows),
    ...report.case.reviews.map((r) => ({
      row: 'review',
      obligation_id: r.obligationIds.join(' '),
      kind: r.kind,
      reference: r.reviewId,
      dated: r.requestedOn,
      due_on: r.dueOn,
      text: r.subject,
    })),
    {
      row: 'total',
      penalty_exposure_cents: report.totals.penaltyExposureCents,
      liquidated_cents: report.totals.liquidatedCents,
      state_share_cents: report.totals.stateShareCents,
    },
  ];
  const line = (row: Row) => {
    const cells: Row = { ...common, ...row };
    return CSV_COLUMNS.map((column) => csvField(cells[column])).join(',');
  };
  const lines = [CSV_COLUMNS.join(','), ...rows.map(line)];
  return `${lines.join('\r\n')}\r\n`;
};
