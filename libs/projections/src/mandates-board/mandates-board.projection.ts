import { type GrantedMandate, type MandateEvent, mandateDecider } from '@mandate-ledger/domain';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { type ColumnValues, type Projection, ProjectionError } from '../projection';

const MANDATE_EVENTS = new Set<string>([
  'MandateGranted',
  'MandateAmended',
  'MandateRenewed',
  'MandateSuspended',
  'MandateReinstated',
  'MandateTerminated',
  'MandateActivityReported',
  'MandateMissionCompleted',
]);

const STREAM_PREFIX = 'mandate-';

/** The mandate id of a mandate stream's event, or `undefined` for any other stream. */
export const mandateIdOf = (event: Pick<StoredEvent, 'stream'>): string | undefined =>
  event.stream.startsWith(STREAM_PREFIX) ? event.stream.slice(STREAM_PREFIX.length) : undefined;

const SLIM = new WeakSet<object>();
const EMPTY: readonly never[] = [];

/** `value` if it is already slim (unchanged by the last event), else its slim copy. */
const kept = <T extends object>(value: T, slim: () => T): T => {
  if (SLIM.has(value)) return value;
  const made = slim();
  SLIM.add(made);
  return made;
};

/**
 * What the board keeps of a mandate: the domain's own state without what no board query shows
 * (legal basis, indicators, sites, payment details, reasons), so that every stored version stays
 * small. It is still a `GrantedMandate`: the decider's `evolve`, `termsOn`, `fundingOn` and
 * `mandateStatusOn` read it unchanged, and the dated facts are all there. Sections the last event
 * did not change are kept as they are (same objects), which also lets child rows be reused.
 */
export const boardStateOf = (mandate: GrantedMandate): GrantedMandate => ({
  ...mandate,
  authority: kept(mandate.authority, () => ({ kind: mandate.authority.kind, name: mandate.authority.name, siret: mandate.authority.siret, departement: mandate.authority.departement })),
  instrument: kept(mandate.instrument, () => ({ kind: mandate.instrument.kind, reference: mandate.instrument.reference, decisionDate: mandate.instrument.decisionDate }) as GrantedMandate['instrument']),
  legalBasis: EMPTY,
  linkedObligations: EMPTY,
  terms: kept(mandate.terms, () =>
    mandate.terms.map((version) =>
      kept(version, () => ({
        effectiveFrom: version.effectiveFrom,
        missions: version.missions.map(({ type }) => ({ type, indicators: EMPTY })),
        territory: { departement: version.territory.departement, communes: version.territory.communes },
        staffing: { salariedFte: version.staffing.salariedFte },
      })),
    ),
  ),
  fundings: kept(mandate.fundings, () =>
    mandate.fundings.map((funding) =>
      kept(funding, () => ({
        from: funding.from,
        to: funding.to,
        financing: { amountCents: funding.financing.amountCents, nature: funding.financing.nature, paymentTerms: funding.financing.paymentTerms, programme: funding.financing.programme },
      })),
    ),
  ),
  suspensions: kept(mandate.suspensions, () =>
    mandate.suspensions.map((suspension) =>
      kept(suspension, () => ({ from: suspension.from, ...(suspension.until !== undefined && { until: suspension.until }), reason: '', decisionReference: '' })),
    ),
  ),
});

/** Child rows computed once per section object: an event that leaves the section alone returns the same rows. */
const memo = <K extends object, V>(compute: (key: K) => V): ((key: K) => V) => {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
};

/**
 * Missions and territory are versioned by effective date (amendments), so their child rows carry
 * the interval of the terms version they belong to: `[effective_from, effective_to)`, the first
 * version also covering every date before it — exactly `termsOn`.
 */
const termsIntervals = (terms: GrantedMandate['terms']) =>
  terms.map((version, i) => ({
    version,
    effective_from: i === 0 ? null : version.effectiveFrom,
    effective_to: terms[i + 1]?.effectiveFrom ?? null,
  }));

const suspensionRows = memo((suspensions: GrantedMandate['suspensions']) => suspensions.map((s) => ({ from_date: s.from, until_date: s.until ?? null })));

const missionRows = memo((terms: GrantedMandate['terms']) =>
  termsIntervals(terms).flatMap(({ version, effective_from, effective_to }) =>
    version.missions.map((mission) => ({ effective_from, effective_to, mission_type: mission.type })),
  ),
);

// `commune` '' is the whole département (a territory listing no commune).
const territoryRows = memo((terms: GrantedMandate['terms']) =>
  termsIntervals(terms).flatMap(({ version, effective_from, effective_to }) => {
    const { departement, communes } = version.territory;
    return (communes.length > 0 ? communes : ['']).map((commune) => ({ effective_from, effective_to, departement, commune }));
  }),
);

// Every département the mandate ever touched (authority and each territory version): the access rule's `departementsOf`.
const scopeRows = memo((terms: GrantedMandate['terms']) => memo((authority: GrantedMandate['authority']) =>
  [...new Set([authority.departement, ...terms.map((t) => t.territory.departement)])].map((departement) => ({ departement })),
));

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
  version: 1,
  history: 'system-versioned',

  keysOf: (event) => {
    const id = mandateIdOf(event);
    return id === undefined ? [] : [id];
  },

  evolve: (mandate, event) => {
    if (!MANDATE_EVENTS.has(event.type)) throw new ProjectionError(`The board does not know the mandate event type ${event.type}`);
    if (event.schemaVersion !== 1) throw new ProjectionError(`The board does not know schemaVersion ${event.schemaVersion} of ${event.type}`);
    if (event.type === 'MandateGranted' && mandate !== undefined) throw new ProjectionError(`Mandate ${mandateIdOf(event)} granted twice`);
    if (event.type !== 'MandateGranted' && mandate === undefined) throw new ProjectionError(`${event.type} for mandate ${mandateIdOf(event)}, never granted`);
    const next = mandateDecider.evolve(mandate ?? mandateDecider.initialState(), { type: event.type, schemaVersion: 1, data: event.data } as unknown as MandateEvent);
    if (next.status === 'not_granted') throw new ProjectionError(`${event.type} left mandate ${mandateIdOf(event)} ungranted`);
    return next === mandate ? mandate : boardStateOf(next);
  },

  columns: {
    operator_id: 'text',
    period_start: 'date',
    period_end: 'date',
    terminated_from: 'date',
    completed_on: 'date',
    suspensions: 'integer',
  },
  columnsOf: (mandate): ColumnValues => ({
    operator_id: mandate.operatorId,
    period_start: mandate.period.start,
    period_end: mandate.period.end,
    terminated_from: mandate.status === 'terminated' ? mandate.terminatedFrom : null,
    completed_on: mandate.status === 'completed' ? mandate.completedOn : null,
    suspensions: mandate.suspensions.length,
  }),
  // The first covers what the status and the sort read, so that counting a page's matches never reads a row's JSON.
  indexes: [['key', 'period_end', 'period_start', 'terminated_from', 'completed_on', 'suspensions'], ['operator_id', 'period_end'], ['period_end'], ['period_start']],

  children: {
    suspensions: { columns: { from_date: 'date', until_date: 'date' }, rowsOf: (mandate) => suspensionRows(mandate.suspensions) },
    missions: {
      columns: { effective_from: 'date', effective_to: 'date', mission_type: 'text' },
      indexes: [['mission_type', 'key']],
      rowsOf: (mandate) => missionRows(mandate.terms),
    },
    territory: {
      columns: { effective_from: 'date', effective_to: 'date', departement: 'text', commune: 'text' },
      indexes: [['commune'], ['departement', 'commune']],
      rowsOf: (mandate) => territoryRows(mandate.terms),
    },
    scope: { columns: { departement: 'text' }, indexes: [['departement']], rowsOf: (mandate) => scopeRows(mandate.terms)(mandate.authority) },
  },
};
