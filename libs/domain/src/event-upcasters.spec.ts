import { DOMAIN_UPCASTERS, LATEST_SCHEMA_VERSIONS, upcastDomainEvent } from './event-upcasters';
import { granted, mealContract } from './testing/mandate.fixtures';
import { obligationAdded } from './testing/compliance-case.fixtures';

// Events as recorded before indicators had kinds and obligations had scopes, read today.

const grantedV1 = {
  type: 'MandateGranted',
  schemaVersion: 1,
  data: { ...granted().data, missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 1400 }] }] },
};

describe('upcasting recorded events to their latest shape', () => {
  it('reads the indicators of a grant recorded before kinds as counts, as reports then summed them', () =>
    expect(upcastDomainEvent(grantedV1)).toEqual({
      type: 'MandateGranted',
      schemaVersion: 3,
      data: { ...grantedV1.data, missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 1400, kind: 'count' }] }] },
    }));

  it('reads a public contract granted before procurement facts were recorded as one without them', () => {
    const { procurement: _, ...instrument } = mealContract;
    const v2 = { type: 'MandateGranted', schemaVersion: 2, data: { ...granted().data, instrument } };
    expect(upcastDomainEvent(v2)).toEqual({ ...v2, schemaVersion: 3 });
  });

  it('lifts the missions an amendment changed, and leaves an amendment of other sections as it was', () => {
    const changes = { missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1 }] }] };
    expect(upcastDomainEvent({ type: 'MandateAmended', schemaVersion: 1, data: { mandateId: 'm', effectiveFrom: '2017-09-01', decisionReference: 'A', changes } }).data)
      .toEqual({ mandateId: 'm', effectiveFrom: '2017-09-01', decisionReference: 'A', changes: { missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1, kind: 'count' }] }] } });
    const staffing = { mandateId: 'm', effectiveFrom: '2017-09-01', decisionReference: 'A', changes: { staffing: { salariedFte: 8 } } };
    expect(upcastDomainEvent({ type: 'MandateAmended', schemaVersion: 1, data: staffing })).toEqual({ type: 'MandateAmended', schemaVersion: 2, data: staffing });
  });

  it('reads an obligation recorded before scopes as continuing, under a penalty of its own', () => {
    const { oneOff: _, penaltyScope: __, ...v1 } = obligationAdded().data;
    expect(upcastDomainEvent({ type: 'ComplianceObligationAdded', schemaVersion: 1, data: v1 })).toEqual(obligationAdded());
  });

  it('leaves an event already in its latest shape, or of a type it does not know, as it is', () => {
    expect(upcastDomainEvent(granted())).toEqual(granted());
    const unknown = { type: 'SomethingElse', schemaVersion: 1, data: { a: 1 } };
    expect(upcastDomainEvent(unknown)).toBe(unknown);
  });

  it('has one step from every older version of each type up to its latest', () => {
    for (const upcaster of DOMAIN_UPCASTERS) {
      const latest = LATEST_SCHEMA_VERSIONS[upcaster.type as keyof typeof LATEST_SCHEMA_VERSIONS];
      expect([upcaster.type, upcaster.fromSchemaVersion < latest]).toEqual([upcaster.type, true]);
    }
    for (const [type, latest] of Object.entries(LATEST_SCHEMA_VERSIONS))
      for (let version = 1; version < latest; version++)
        expect([type, version, DOMAIN_UPCASTERS.filter((u) => u.type === type && u.fromSchemaVersion === version).length]).toEqual([type, version, 1]);
  });
});
