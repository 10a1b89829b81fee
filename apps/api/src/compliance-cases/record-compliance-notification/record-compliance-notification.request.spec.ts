import type { RecordComplianceNotification } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { RecordComplianceNotificationRequest } from './record-compliance-notification.request';

const notification = (extra: Record<string, unknown> = {}) => ({ decision: '1705379', notifiedOn: '2017-07-03', ...extra });

describe('RecordComplianceNotificationRequest', () => {
  it('accepts the notification of the order', async () => {
    expect(await validateBody(RecordComplianceNotificationRequest, notification())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<RecordComplianceNotification['data'], 'complianceCaseId'> = await validInstance(RecordComplianceNotificationRequest, notification());
    expect(plainData(data)).toStrictEqual(notification());
  });

  it.each<[string, unknown, string[]]>([
    ['a date in another format', notification({ notifiedOn: '03/07/2017' }), ['notifiedOn']],
    ['an instant for a date', notification({ notifiedOn: '2017-07-03T10:00:00Z' }), ['notifiedOn']],
    ['a decision that is not text', notification({ decision: 1705379 }), ['decision']],
    ['an unknown field', notification({ by: 'Télérecours' }), ['by']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(RecordComplianceNotificationRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(RecordComplianceNotificationRequest, {})).toEqual(['decision', 'notifiedOn']);
  });
});
