import type { LiquidateCompliancePenalty } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { LiquidateCompliancePenaltyRequest } from './liquidate-compliance-penalty.request';

const liquidation = (extra: Record<string, unknown> = {}) => ({
  obligationId: 'maraude-minors',
  decisionReference: 'TA Lille 1707711',
  liquidatedOn: '2017-10-20',
  period: { from: '2017-07-14', to: '2017-07-26' },
  amountCents: 90_000,
  stateShareCents: 22_500,
  moderation: 'diligences accomplies par le préfet depuis la notification',
  ...extra,
});

describe('LiquidateCompliancePenaltyRequest', () => {
  it('accepts a liquidation, with or without the grounds of moderation', async () => {
    expect(await validateBody(LiquidateCompliancePenaltyRequest, liquidation())).toEqual([]);
    expect(await validateBody(LiquidateCompliancePenaltyRequest, liquidation({ moderation: undefined }))).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<LiquidateCompliancePenalty['data'], 'complianceCaseId'> = await validInstance(LiquidateCompliancePenaltyRequest, liquidation());
    expect(plainData(data)).toStrictEqual(liquidation());
  });

  it.each<[string, unknown, string[]]>([
    ['an obligation id with a slash', liquidation({ obligationId: 'art/2' }), ['obligationId']],
    ['a liquidation date not on the calendar', liquidation({ liquidatedOn: '2017-10-32' }), ['liquidatedOn']],
    ['no period', liquidation({ period: undefined }), ['period']],
    ['a period without its end', liquidation({ period: { from: '2017-07-14' } }), ['period.to']],
    ['an amount in euros', liquidation({ amountCents: 900.5 }), ['amountCents']],
    ['a negative State share', liquidation({ stateShareCents: -1 }), ['stateShareCents']],
    ['a null moderation', liquidation({ moderation: null }), ['moderation']],
    ['an unknown field', liquidation({ appealed: true }), ['appealed']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(LiquidateCompliancePenaltyRequest, body)).toEqual(fields);
  });
});
