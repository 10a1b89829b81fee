import { type CsvDialect, type DateInterval, daysIn, type PenaltyExposure, type Territory } from '@mandate-ledger/domain';
import type { ComplianceReportContent, MandateSummary, ObligationReport } from './compliance-report.content';
import type { ReportDocument } from './report-document';

/**
 * One table (RFC 4180: one header, CRLF, fields quoted when they hold a comma, a quote or a line
 * break). Every row repeats the case, the period, `as_known_at`, the `marking` (`PROJET` on a
 * preview, empty once issued) and the `report_id`, and says what it is in `row`: `document` (title,
 * addressee), `decision`, `party` (applicant or defendant), `obligation` (the figures, the counting
 * rule, the communes by name), `covered` and `gap` (intervals of the obligation:
 * a gap is a run of days of non-execution), `in_effect` and `suspended` (a linked mandate's
 * intervals), `indicator` (aggregated by its kind, with target and attainment), `penalty` (one per
 * penalty the order sets, the amount incurred before liquidation), `liquidation`, `review`, one
 * `total`, then `mandate` (a linked mandate, its operator's name, its communes by name),
 * `legal_reference`, `counting_rule`, `signatory`, `verification` and `limit`. Money in integer
 * cents, dates YYYY-MM-DD, as everywhere in the API.
 */
export const CSV_COLUMNS = [
  'case_id',
  'period_from',
  'period_to',
  'as_known_at',
  'marking',
  'report_id',
  'row',
  'obligation_id',
  'article',
  'mission_type',
  'departement',
  'communes',
  'commune_names',
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
  'operator',
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

/** How a dialect writes a table: its separator, whether it starts with a byte-order mark, its decimal mark. */
const DIALECTS: Record<CsvDialect, { readonly separator: string; readonly bom: boolean; readonly decimalComma: boolean }> = {
  rfc4180: { separator: ',', bom: false, decimalComma: false },
  // What French spreadsheet software opens as columns and numbers without an import dialog.
  'excel-fr': { separator: ';', bom: true, decimalComma: true },
};

/** RFC 4180 §2.6–2.7: quoted when it holds the separator, a quote or a line break, inner quotes doubled. */
export const csvField = (value: string | number | boolean | null | undefined, dialect: CsvDialect = 'rfc4180'): string => {
  const { separator, decimalComma } = DIALECTS[dialect];
  const text = value === null || value === undefined ? '' : typeof value === 'number' && decimalComma ? String(value).replace('.', ',') : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** `Calais` for `62193`: the names of the communes the administrative map knows, in the order of the codes. */
const communeNames = (territory: Territory, document: ReportDocument): string =>
  territory.communes.map((code) => document.communes[code] ?? code).join(' ');

const interval = (row: string, { from, to }: DateInterval): Row => ({ row, from, to, days: daysIn({ from, to }) });

const obligationRows = (o: ObligationReport, document: ReportDocument): Row[] => {
  const on = { obligation_id: o.obligationId, article: o.article };
  return [
    {
      ...on,
      row: 'obligation',
      mission_type: o.missionType,
      departement: o.territory.departement,
      communes: o.territory.communes.join(' '),
      commune_names: communeNames(o.territory, document),
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

const mandateRow = (m: MandateSummary, document: ReportDocument): Row => ({
  row: 'mandate',
  mandate_id: m.mandateId,
  operator: m.operatorName,
  reference: m.instrument.reference,
  kind: m.instrument.kind,
  dated: m.instrument.decisionDate,
  from: m.period.start,
  to: m.period.end,
  departement: m.territory.departement,
  communes: m.territory.communes.join(' '),
  commune_names: communeNames(m.territory, document),
  mission_type: m.missions.join(' '),
  status: m.recordStatus,
  text: m.authority,
});

const headRows = (report: ComplianceReportContent, document: ReportDocument): Row[] => [
  { row: 'document', label: document.addressee, text: document.title, dated: document.issuedAt?.slice(0, 10) ?? null },
  ...report.case.decisions.map((d) => ({
    row: 'decision',
    kind: d.kind,
    label: d.court,
    reference: d.caseNumbers.join(' '),
    dated: d.decisionDate,
    notified_on: d.notifiedOn,
    status: d.outcome,
  })),
  ...report.case.parties.applicants.map((name) => ({ row: 'party', kind: 'applicant', label: name })),
  ...report.case.parties.defendants.map((name) => ({ row: 'party', kind: 'defendant', label: name })),
];

const documentRows = (report: ComplianceReportContent, document: ReportDocument): Row[] => [
  ...report.mandates.map((m) => mandateRow(m, document)),
  ...document.legalReferences.map(({ reference, text }) => ({ row: 'legal_reference', reference, text })),
  { row: 'counting_rule', text: document.countingRule },
  ...(document.signatory === null
    ? []
    : [{ row: 'signatory', reference: document.signatory.place, dated: document.signatory.date, label: document.signatory.name, text: document.signatory.quality }]),
  ...document.verification.map((text) => ({ row: 'verification', text })),
  ...document.limits.map((text) => ({ row: 'limit', text })),
];

/** The report as CSV text in a dialect (UTF-8 once encoded; the French spreadsheet dialect starts with a byte-order mark). */
export const renderComplianceReportCsv = (report: ComplianceReportContent, document: ReportDocument, dialect: CsvDialect = 'rfc4180'): string => {
  const common: Row = {
    case_id: report.complianceCaseId,
    period_from: report.period.from,
    period_to: report.period.to,
    as_known_at: report.asKnownAt,
    marking: document.marking,
    report_id: document.reportId,
  };
  const rows: Row[] = [
    ...headRows(report, document),
    ...report.obligations.flatMap((o) => obligationRows(o, document)),
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
    ...documentRows(report, document),
  ];
  const { separator, bom } = DIALECTS[dialect];
  const line = (row: Row) => {
    const cells: Row = { ...common, ...row };
    return CSV_COLUMNS.map((column) => csvField(cells[column], dialect)).join(separator);
  };
  const lines = [CSV_COLUMNS.join(separator), ...rows.map(line)];
  return `${bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
};
