import {
  addDays,
  type CalendarDate,
  type CommandMetadata,
  daysBetween,
  type GrantedMandate,
  type MandateCommand,
  mandateDecider,
  type MandateEvent,
  type MandateState,
  MISSION_TYPES,
  type MissionType,
} from '@mandate-ledger/domain';

/** A seeded generator (mulberry32): the same seed gives the same histories on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in `min`..`max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  subset<T>(values: readonly T[]): T[] {
    return values.filter(() => this.chance(0.5));
  }
}

const COMMUNES: Record<string, readonly string[]> = {
  '62': ['62193', '62160', '62041'],
  '59': ['59271', '59183'],
  '2A': ['2A004'],
  '971': ['97101', '97105'],
};
export const DEPARTEMENTS = Object.keys(COMMUNES);
export const ALL_COMMUNES = Object.values(COMMUNES).flat();

/** Département code → INSEE communes the generator uses. */
export type TerritoryPool = Readonly<Record<string, readonly string[]>>;

/** The four départements of the Calais and Dunkirk camps, Corsica and Guadeloupe: small, so that filters match often. */
export const SMALL_POOL: TerritoryPool = COMMUNES;

/** Every metropolitan département with three communes each: mandates spread as over France. */
export const FRANCE_POOL: TerritoryPool = Object.fromEntries(
  [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'), '2A', '2B'].map((d) => [d, [1, 2, 3].map((n) => `${d}${String(n).padStart(3, '0')}`)]),
);

const metadata: CommandMetadata = { now: '2030-01-01T00:00:00Z', actor: { sub: 'generator', role: 'admin' }, correlationId: 'generator' };

const missions = (random: Random) => {
  const types = new Set<MissionType>();
  const count = random.int(1, 3);
  while (types.size < count) types.add(random.pick(MISSION_TYPES));
  return [...types].map((type) => ({ type, indicators: [{ name: `${type.toLowerCase()}_count`, unit: 'persons', target: random.int(1, 500) }] }));
};

const territory = (random: Random, pool: TerritoryPool) => {
  const departement = random.pick(Object.keys(pool));
  return { departement, communes: random.subset(pool[departement]) };
};

const financing = (random: Random) => ({ amountCents: random.int(0, 2_000_000), nature: 'cash', paymentTerms: 'single', programme: '177' }) as const;

/** A date around the mandate's period (before, within and after), so that the decider accepts some commands and refuses others. */
const around = (random: Random, mandate: GrantedMandate): CalendarDate => {
  const { start, end } = mandate.period;
  return addDays(start, random.int(-15, daysBetween(start, end) + 45));
};

/** A random lifecycle command on a granted mandate; the decider may refuse it. */
export const randomCommand = (random: Random, mandateId: string, mandate: GrantedMandate, pool: TerritoryPool = SMALL_POOL): MandateCommand => {
  const date = around(random, mandate);
  const reference = `REF-${random.int(1, 99999)}`;
  const suspended = mandate.suspensions.at(-1) !== undefined && mandate.suspensions.at(-1)!.until === undefined;
  if (suspended && random.chance(0.6)) {
    const from = mandate.suspensions.at(-1)!.from;
    return { type: 'ReinstateMandate', data: { mandateId, effectiveFrom: addDays(from, random.int(1, 60)), decisionReference: reference }, metadata };
  }
  const roll = random.next();
  if (roll < 0.2 || (suspended && roll < 0.56)) {
    const indicators = mandate.terms.at(-1)!.missions.flatMap((m) => m.indicators.map((i) => ({ name: i.name, value: random.int(0, 900) })));
    const end = addDays(date, random.int(0, 30));
    return { type: 'ReportMandateActivity', data: { mandateId, periodStart: date, periodEnd: end, indicators, staff: { salariedFte: random.int(0, 9) } }, metadata };
  }
  if (roll < 0.38) return { type: 'SuspendMandate', data: { mandateId, effectiveFrom: date, reason: 'safety', decisionReference: reference }, metadata };
  if (roll < 0.56) {
    const from = mandate.suspensions.at(-1)?.from ?? date;
    return { type: 'ReinstateMandate', data: { mandateId, effectiveFrom: addDays(from, random.int(1, 60)), decisionReference: reference }, metadata };
  }
  if (roll < 0.68) {
    const data = { mandateId, newEnd: addDays(mandate.period.end, random.int(1, 200)), decisionReference: reference };
    return { type: 'RenewMandate', data: random.chance(0.5) ? { ...data, financing: financing(random) } : data, subsidies: [], metadata };
  }
  if (roll < 0.86) {
    const changes = {
      ...(random.chance(0.5) && { missions: missions(random) }),
      ...(random.chance(0.4) && { territory: territory(random, pool) }),
      ...(random.chance(0.3) && { staffing: { salariedFte: random.int(0, 12) } }),
      ...(random.chance(0.3) && { periodEnd: addDays(mandate.period.end, random.int(-60, 90)) }),
    };
    const effectiveFrom = date < mandate.terms.at(-1)!.effectiveFrom ? mandate.terms.at(-1)!.effectiveFrom : date;
    return { type: 'AmendMandate', data: { mandateId, effectiveFrom, decisionReference: reference, changes: Object.keys(changes).length > 0 ? changes : { staffing: { salariedFte: 1 } } }, subsidies: [], metadata };
  }
  if (roll < 0.93) return { type: 'TerminateMandate', data: { mandateId, effectiveFrom: date, reason: 'withdrawn', decisionReference: reference }, metadata };
  const indicators = mandate.terms[0].missions.flatMap((m) => m.indicators.map((i) => ({ name: i.name, value: random.int(0, 900) })));
  return { type: 'CompleteMandateMission', data: { mandateId, completedOn: date, summary: 'done', indicators, staff: { salariedFte: random.int(0, 9) } }, metadata };
};

/** The grant of a random mandate, decided like any other command. */
export const randomGrant = (random: Random, mandateId: string, operatorId: string, pool: TerritoryPool = SMALL_POOL): MandateCommand => {
  const start = addDays('2017-01-01', random.int(0, 700));
  const area = territory(random, pool);
  return {
    type: 'GrantMandate',
    operator: { status: 'registered' },
    subsidies: [],
    metadata,
    data: {
      mandateId,
      operatorId,
      authority: { kind: 'prefecture', name: 'Préfet', siret: '13000548100002', departement: random.chance(0.85) ? area.departement : random.pick(Object.keys(pool)) },
      instrument: { kind: 'annual_agreement', reference: `CONV-${random.int(1, 99999)}`, decisionDate: start },
      legalBasis: [{ source: 'CASF', article: 'D.345-8' }],
      missions: missions(random),
      territory: area,
      period: { start, end: addDays(start, random.int(0, 500)) },
      financing: financing(random),
      staffing: { salariedFte: random.int(0, 20) + (random.chance(0.3) ? 0.5 : 0) },
    },
  };
};

/**
 * A valid history of one mandate: random commands around its period, kept only when the decider
 * accepts them, so every sequence is one the application could have recorded.
 */
export const randomMandateHistory = (random: Random, mandateId: string, operatorId: string, attempts: number): MandateEvent[] => {
  let state: MandateState = mandateDecider.initialState();
  const events: MandateEvent[] = [];
  const decide = (command: MandateCommand) => {
    try {
      for (const event of mandateDecider.decide(command, state)) {
        events.push(event);
        state = mandateDecider.evolve(state, event);
      }
    } catch (error) {
      if (!(error instanceof Error && 'code' in error)) throw error;
    }
  };
  decide(randomGrant(random, mandateId, operatorId));
  for (let i = 0; i < attempts && state.status !== 'not_granted'; i++) decide(randomCommand(random, mandateId, state));
  return events;
};
