import { upcasterOf } from '../shared/upcasting';
import { MandateChanges, MandateGrant } from './mandate.events';
import { Indicator, Mission } from './mandate.terms';

// Schema version 1 of the grant and the amendment: indicators had no kind, and reports summed
// every value. Version 2 states it; `count` is the kind that sums, so old logs give the same totals.

type IndicatorV1 = Omit<Indicator, 'kind' | 'per' | 'label'>;
type MissionV1 = Omit<Mission, 'indicators'> & { readonly indicators: readonly IndicatorV1[] };

const missionsV2 = (missions: readonly MissionV1[]): Mission[] =>
  missions.map((mission) => ({ ...mission, indicators: mission.indicators.map((indicator) => ({ ...indicator, kind: 'count' as const })) }));

type MandateGrantV1 = Omit<MandateGrant, 'missions'> & { readonly missions: readonly MissionV1[] };
type MandateAmendedV1 = { readonly [key: string]: unknown; readonly changes: Omit<MandateChanges, 'missions'> & { readonly missions?: readonly MissionV1[] } };

export const MANDATE_UPCASTERS = [
  // 3 adds a public contract's optional procurement facts: a version-2 grant is a version-3 grant without them.
  upcasterOf('MandateGranted', 2, (data: MandateGrant): MandateGrant => data),
  upcasterOf('MandateGranted', 1, (data: MandateGrantV1): MandateGrant => ({ ...data, missions: missionsV2(data.missions) })),
  upcasterOf('MandateAmended', 1, (data: MandateAmendedV1) =>
    data.changes.missions === undefined ? data : { ...data, changes: { ...data.changes, missions: missionsV2(data.changes.missions) } }),
] as const;
