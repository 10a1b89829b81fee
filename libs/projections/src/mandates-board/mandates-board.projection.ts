import { type GrantedMandate, MANDATE_EVENT_TYPES, type MandateEvent, mandateDecider } from '@mandate-ledger/domain';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { latestDomainEvent } from '../latest-event';
import { type ColumnValues, type Projection, ProjectionError } from '../projection';

const MANDATE_EVENTS = new Set<string>(MANDATE_EVENT_TYPES);

const STREAM_PREFIX = 'mandate-';

/** The mandate id of a mandate stream's event, or `undefined` for any other stream. */
export const mandateIdOf = (event: Pick<StoredEvent, 'stream'>): string | undefined =>
  event.stream.startsWith(STREAM_PREFIX) ? event.stream.slice(STREAM_PREFIX.length) : undefined;

const EMPTY: readonly never[] = [];

/** `next`'s elements that `previous` already held stay as they are (slim); the others are slimmed. */
const slimList = <T>(next: readonly T[], previous: readonly T[] | undefined, slim: (item: T) => T): readonly T[] =>
  next === previous ? next : next.map((item) => (previous !== undefined && previous.includes(item) ? item : slim(item)));

const slimTerms = (version: GrantedMandate['terms'][number]): GrantedMandate['terms'][number] => ({
  effectiveFrom: version.effectiveFrom,
  missions: version.missions.map(({ type }) => ({ type, indicators: EMPTY })),
  territory: { departement: version.territory.departement, communes: version.territory.communes },
  staffing: { salariedFte: version.staffing.salariedFte },
});

const slimFunding = (funding: GrantedMandate['fundings'][number]): GrantedMandate['fundings'][number] => ({
  from: funding.from,
  to: funding.to,
  financing: {
    amountCents: funding.financing.amountCents,
    nature: funding.financing.nature,
    paymentTerms: funding.financing.paymentTerms,
    programme: funding.financing.programme,
    ...(funding.financing.schedule !== undefined && { schedule: funding.financing.schedule }),
  },
});

/** What the board shows of an instrument: its kind, reference and dates (the publication deadlines start from them). */
const slimInstrument = (instrument: GrantedMandate['instrument']): GrantedMandate['instrument'] => {
  const { reference, decisionDate, signatureDate } = instrument;
  const common = { reference, decisionDate, ...(signatureDate !== undefined && { signatureDate }) };
  if (instrument.kind !== 'public_contract') return { kind: instrument.kind, ...common };
  return { kind: 'public_contract', cpv: instrument.cpv, ...common, ...(instrument.procurement !== undefined && { procurement: instrument.procurement }) };
};

const slimSuspension = (suspension: GrantedMandate['suspensions'][number]): GrantedMandate['suspensions'][number] => ({
  from: suspension.from,
  ...(suspension.until !== undefined && { until: suspension.until }),
  reason: '',
  decisionReference: '',
});

/**
 * What the board keeps of a mandate: the domain's own state without what no board query shows
 * (legal basis, indicators, sites, suspension reasons), so that every stored version stays
 * small. It is still a `GrantedMandate`: the decider's `evolve`, `termsOn`, `fundingOn` and
 * `mandateStatusOn` read it unchanged, and the dated facts are all there. `previous` is the board's
 * state the decider evolved (already slim): the sections and elements the event did not replace
 * are kept as they are (same objects), which also lets child rows and their JSON be reused.
 */
export const boardStateOf = (mandate: GrantedMandate, previous?: GrantedMandate): GrantedMandate => {
  const { authority, instrument } = mandate;
  return {
    ...mandate,
    authority:
      authority === previous?.authority ? authority : { kind: authority.kind, name: authority.name, siret: authority.siret, departement: authority.departement },
    instrument: instrument === previous?.instrument ? instrument : slimInstrument(instrument),
    legalBasis: EMPTY,
    linkedObligations: EMPTY,
    terms: slimList(mandate.terms, previous?.terms, slimTerms),
    fundings: slimList(mandate.fundings, previous?.fundings, slimFunding),
    suspensions: slimList(mandate.suspensions, previous?.suspensions, slimSuspension),
  };
};

/**
 * Missions and territory are versioned by effective date (amendments): a child row is one value
 * (a mission type; a département and commune) over the consecutive terms versions that hold it,
 * `[effective_from, effective_to)`, the first version also covering every date before it — so a
 * value is in force on a date exactly when `termsOn` holds it, and an amendment that keeps a value
 * keeps its row.
 */
const spans = <V extends object>(terms: GrantedMandate['terms'], valuesOf: (version: GrantedMandate['terms'][number]) => readonly V[]) => {
  const rows: (V & { effective_from: string | null; effective_to: string | null })[] = [];
  let open = new Map<string, { value: V; from: string | null }>();
  terms.forEach((version, i) => {
    const from = i === 0 ? null : version.effectiveFrom;
    const next = new Map<string, { value: V; from: string | null }>();
    for (const value of valuesOf(version)) {
      const id = JSON.stringify(value);
      next.set(id, open.get(id) ?? { value, from });
    }
    for (const [id, span] of open) {
      // A span closed where it opened (two amendments effective the same day) covers no date.
      if (!next.has(id) && span.from !== from) rows.push({ effective_from: span.from, effective_to: from, ...span.value });
    }
    open = next;
  });
  for (const span of open.values()) rows.push({ effective_from: span.from, effective_to: null, ...span.value });
  return rows;
};

const suspensionRows = (suspensions: GrantedMandate['suspensions']) => suspensions.map((s) => ({ from_date: s.from, until_date: s.until ?? null }));

const missionRows = (terms: GrantedMandate['terms']) => spans(terms, (version) => version.missions.map((mission) => ({ mission_type: mission.type })));

// `commune` '' is the whole département (a territory listing no commune).
const territoryRows = (terms: GrantedMandate['terms']) =>
  spans(terms, ({ territory: { departement, communes } }) => (communes.length > 0 ? communes : ['']).map((commune) => ({ departement, commune })));

/** The dated facts a status on any date is computed from (`statusSql`), but the suspension intervals. */
const periodColumnsOf = (mandate: GrantedMandate) => ({
  period_start: mandate.period.start,
  period_end: mandate.period.end,
  terminated_from: mandate.status === 'terminated' ? mandate.terminatedFrom : null,
  completed_on: mandate.status === 'completed' ? mandate.completedOn : null,
});

const PERIOD_COLUMNS = { period_start: 'date', period_end: 'date', terminated_from: 'date', completed_on: 'date' } as const;

const samePeriodColumns = (mandate: GrantedMandate, previous: GrantedMandate): boolean => {
  const [a, b] = [periodColumnsOf(mandate), periodColumnsOf(previous)];
  return (Object.keys(a) as (keyof typeof a)[]).every((column) => a[column] === b[column]);
};

/**
 * Every département the mandate ever touched (authority and each territory version): the access
 * rule's `departementsOf`, each with the period columns, so that an officer's board is counted and
 * sorted from this table's index (the main row is read for the page only). Not the number of
 * suspensions, which would version these rows at every suspension: the query looks the intervals up.
 */
const scopeRows = (mandate: GrantedMandate) => {
  const period = periodColumnsOf(mandate);
  return [...new Set([mandate.authority.departement, ...mandate.terms.map((t) => t.territory.departement)])].map((departement) => ({ departement, ...period }));
};

// Child rows are recomputed only for a new value of the sections they come from.
const sameSuspensions = (mandate: GrantedMandate, previous: GrantedMandate) => mandate.suspensions === previous.suspensions;
const sameTerms = (mandate: GrantedMandate, previous: GrantedMandate) => mandate.terms === previous.terms;

/**
 * The officers' board: one row per mandate holding the domain's own state (the decider's `evolve`,
 * so the board can never disagree with the decider), with the dated facts the status is computed
 * from in SQL for any date: period (renewals and amended ends included), termination and
 * completion dates as columns, suspension intervals as child rows. Lists a query filters on are
 * child rows rather than one row per (mandate, mission, commune): a mandate's missions and
 * communes vary independently, and a product of the two would multiply rows and still need the
 * suspension intervals apart. System-versioned, so `asKnownAt` needs no replay.
 */
export const mandatesBoardProjection: Projection<GrantedMandate> = {
  name: 'mandates_board',
  // 4: versions store what changed in the document, not the whole of it; mission and territory rows span the terms versions that keep them.
  // 5: scope rows carry the period columns.
  // 6: payment schedules, payments, withholdings, recoveries, financial reports, publications, and the instrument's dates.
  version: 6,
  history: 'system-versioned',

  keysOf: (event) => {
    const id = mandateIdOf(event);
    return id === undefined ? [] : [id];
  },

  evolve: (mandate, event) => {
    if (!MANDATE_EVENTS.has(event.type)) throw new ProjectionError(`The board does not know the mandate event type ${event.type}`);
    const domainEvent = latestDomainEvent<MandateEvent>(event, 'The board');
    if (event.type === 'MandateGranted' && mandate !== undefined) throw new ProjectionError(`Mandate ${mandateIdOf(event)} granted twice`);
    if (event.type !== 'MandateGranted' && mandate === undefined) throw new ProjectionError(`${event.type} for mandate ${mandateIdOf(event)}, never granted`);
    const next = mandateDecider.evolve(mandate ?? mandateDecider.initialState(), domainEvent);
    if (next.status === 'not_granted') throw new ProjectionError(`${event.type} left mandate ${mandateIdOf(event)} ungranted`);
    return next === mandate ? mandate : boardStateOf(next, mandate);
  },

  columns: { operator_id: 'text', ...PERIOD_COLUMNS, suspensions: 'integer' },
  columnsOf: (mandate): ColumnValues => ({ operator_id: mandate.operatorId, ...periodColumnsOf(mandate), suspensions: mandate.suspensions.length }),
  // The first covers what the status and the sort read, so that counting a page's matches never reads a row's JSON.
  indexes: [['key', 'period_end', 'period_start', 'terminated_from', 'completed_on', 'suspensions'], ['operator_id', 'period_end'], ['period_end'], ['period_start']],

  children: {
    suspensions: {
      columns: { from_date: 'date', until_date: 'date' },
      // Covers the status's EXISTS: a mandate's current intervals without reading its rows.
      indexes: [['key', 'from_date', 'until_date']],
      rowsOf: (mandate) => suspensionRows(mandate.suspensions),
      sameRows: sameSuspensions,
    },
    missions: {
      columns: { effective_from: 'date', effective_to: 'date', mission_type: 'text' },
      indexes: [['mission_type', 'key']],
      rowsOf: (mandate) => missionRows(mandate.terms),
      sameRows: sameTerms,
    },
    territory: {
      columns: { effective_from: 'date', effective_to: 'date', departement: 'text', commune: 'text' },
      indexes: [['commune'], ['departement', 'commune']],
      rowsOf: (mandate) => territoryRows(mandate.terms),
      sameRows: sameTerms,
    },
    scope: {
      columns: { departement: 'text', ...PERIOD_COLUMNS },
      // Covering (`recorded_to` too: SQLite reads the row for a column of a partial index's condition): an officer's board is counted from the index alone.
      indexes: [['departement', 'period_end', 'period_start', 'terminated_from', 'completed_on', 'key', 'recorded_to']],
      rowsOf: scopeRows,
      sameRows: (mandate, previous) => mandate.terms === previous.terms && mandate.authority === previous.authority && samePeriodColumns(mandate, previous),
    },
  },
};
