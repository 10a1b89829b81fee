import { addDays } from '../shared/dates';
import { fold } from '../shared/decider';
import { completed, granted, maraudeGrant, reinstated, renewed, suspended, terminated } from '../testing/mandate.fixtures';
import { mandateDecider } from './mandate.decider';
import { MandateEvent } from './mandate.events';
import { fundingOn, GrantedMandate, inEffectSpans, mandateStatusOn, suspendedIntervals, termsOn } from './mandate.state';

const mandateAfter = (...events: MandateEvent[]) => fold(mandateDecider, events) as GrantedMandate;
const statusesOn = (mandate: GrantedMandate, dates: Record<string, string>) =>
  Object.fromEntries(Object.keys(dates).map((date) => [date, mandateStatusOn(mandate, date)]));
const expectStatuses = (mandate: GrantedMandate, expected: Record<string, string>) =>
  expect(statusesOn(mandate, expected)).toEqual(expected);

describe('the status of a mandate on a date', () => {
  it('is pending before the start, active within the period and expired after the end, with no event for the end', () =>
    expectStatuses(mandateAfter(granted()), {
      '2017-07-26': 'pending', '2017-07-27': 'active', '2017-12-31': 'active', '2018-01-01': 'expired',
    }));

  it('is suspended from the effective date of a suspension until the day before the reinstatement', () =>
    expectStatuses(mandateAfter(granted(), suspended(), reinstated()), {
      '2017-10-01': 'active', '2017-10-02': 'suspended', '2017-10-08': 'suspended', '2017-10-09': 'active',
    }));

  it('stays suspended while no reinstatement is recorded, then expires', () =>
    expectStatuses(mandateAfter(granted(), suspended()), { '2017-12-31': 'suspended', '2018-01-01': 'expired' }));

  it('is terminated from the effective date of the termination, and was in force before', () =>
    expectStatuses(mandateAfter(granted(), terminated()), {
      '2017-11-14': 'active', '2017-11-15': 'terminated', '2018-06-01': 'terminated',
    }));

  it('is completed from the day the mission was completed', () =>
    expectStatuses(mandateAfter(granted(), completed({ completedOn: '2017-12-15' })), {
      '2017-12-14': 'active', '2017-12-15': 'completed', '2018-02-01': 'completed',
    }));

  it('is active after the former end once renewed', () =>
    expectStatuses(mandateAfter(granted(), renewed()), { '2018-06-01': 'active', '2019-01-01': 'expired' }));

  it('keeps the financing of each period apart when a renewal brings its own', () => {
    const financing = { ...maraudeGrant.financing, amountCents: 26_000_000 };
    const mandate = mandateAfter(granted(), renewed({ financing }));
    expect(fundingOn(mandate, '2017-12-31')).toEqual({ from: '2017-07-27', to: '2017-12-31', financing: maraudeGrant.financing });
    expect(fundingOn(mandate, '2018-01-01')).toEqual({ from: '2018-01-01', to: '2018-12-31', financing });
    expect(fundingOn(mandate, '2019-01-01')).toBeUndefined();
  });

  it('gives the terms in force on a date, before and after an amendment', () => {
    const mandate = mandateAfter(granted(), {
      type: 'MandateAmended',
      schemaVersion: 2,
      data: { mandateId: maraudeGrant.mandateId, effectiveFrom: '2017-09-01', decisionReference: 'AVENANT-1', changes: { staffing: { salariedFte: 8 } } },
    });
    expect(termsOn(mandate, '2017-08-31').staffing).toEqual({ salariedFte: 6 });
    expect(termsOn(mandate, '2017-09-01').staffing).toEqual({ salariedFte: 8 });
    expect(termsOn(mandate, '2017-09-01').territory).toEqual(maraudeGrant.territory);
  });
});

describe('the days a mandate was in effect', () => {
  const amended = (effectiveFrom: string): MandateEvent => ({
    type: 'MandateAmended',
    schemaVersion: 2,
    data: { mandateId: maraudeGrant.mandateId, effectiveFrom, decisionReference: 'AVENANT-1', changes: { territory: { departement: '62', communes: ['62193', '62160'] } } },
  });
  const spans = (mandate: GrantedMandate) => inEffectSpans(mandate).map(({ from, to, terms }) => ({ from, to, communes: terms.territory.communes }));

  it('runs from the start to the end when nothing happened', () =>
    expect(spans(mandateAfter(granted()))).toEqual([{ from: '2017-07-27', to: '2017-12-31', communes: ['62193'] }]));

  it('has a gap from a suspension until the day before the reinstatement', () => {
    const mandate = mandateAfter(granted(), suspended(), reinstated());
    expect(spans(mandate)).toEqual([
      { from: '2017-07-27', to: '2017-10-01', communes: ['62193'] },
      { from: '2017-10-09', to: '2017-12-31', communes: ['62193'] },
    ]);
    expect(suspendedIntervals(mandate)).toEqual([{ from: '2017-10-02', to: '2017-10-08' }]);
  });

  it('ends at a suspension never lifted, which runs to the end of the period', () => {
    const mandate = mandateAfter(granted(), suspended());
    expect(spans(mandate)).toEqual([{ from: '2017-07-27', to: '2017-10-01', communes: ['62193'] }]);
    expect(suspendedIntervals(mandate)).toEqual([{ from: '2017-10-02', to: '2017-12-31' }]);
  });

  it('ends the day before a termination takes effect', () =>
    expect(spans(mandateAfter(granted(), terminated()))).toEqual([{ from: '2017-07-27', to: '2017-11-14', communes: ['62193'] }]));

  it('ends the day before the mission is completed', () =>
    expect(spans(mandateAfter(granted(), completed({ completedOn: '2017-12-15' })))).toEqual([{ from: '2017-07-27', to: '2017-12-14', communes: ['62193'] }]));

  it('runs on through a renewal', () =>
    expect(spans(mandateAfter(granted(), renewed()))).toEqual([{ from: '2017-07-27', to: '2018-12-31', communes: ['62193'] }]));

  it('splits where an amendment changes the territory', () =>
    expect(spans(mandateAfter(granted(), amended('2017-09-01')))).toEqual([
      { from: '2017-07-27', to: '2017-08-31', communes: ['62193'] },
      { from: '2017-09-01', to: '2017-12-31', communes: ['62193', '62160'] },
    ]));

  it.each<[string, MandateEvent[]]>([
    ['granted', [granted()]],
    ['suspended and reinstated twice, amended, renewed', [
      granted(), suspended(), reinstated(), amended('2017-10-20'), suspended({ effectiveFrom: '2017-11-02' }),
      reinstated({ effectiveFrom: '2017-11-10' }), renewed(),
    ]],
    ['suspended, then terminated', [granted(), suspended(), terminated()]],
    ['suspended, then completed', [granted(), suspended(), completed({ completedOn: '2017-12-15' })]],
    ['terminated before its start', [granted(), terminated({ effectiveFrom: '2017-07-20' })]],
  ])('agrees day by day with the status on each date (%s)', (_, events) => {
    const mandate = mandateAfter(...events);
    const inEffect = new Set<string>();
    for (const { from, to, terms } of inEffectSpans(mandate))
      for (let day = from; day <= to; day = addDays(day, 1)) {
        inEffect.add(day);
        expect(terms).toBe(termsOn(mandate, day));
      }
    const suspendedDays = new Set<string>();
    for (const { from, to } of suspendedIntervals(mandate)) for (let day = from; day <= to; day = addDays(day, 1)) suspendedDays.add(day);
    for (let day = '2017-07-01'; day <= '2019-01-31'; day = addDays(day, 1)) {
      const status = mandateStatusOn(mandate, day);
      expect({ day, active: inEffect.has(day), suspended: suspendedDays.has(day) }).toEqual({ day, active: status === 'active', suspended: status === 'suspended' });
    }
  });
});
