import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@mandate-ledger/event-store';
import { uuidv7 } from '@mandate-ledger/event-store';

const actor = { sub: 'bench', role: 'admin' } as const;

/** A realistic small event: what an activity report or a status change weighs. */
export const benchEvent = (index: number): EventToAppend => ({
  id: uuidv7(),
  type: 'MandateActivityReported',
  schemaVersion: 1,
  data: {
    periodStart: '2017-09-01',
    periodEnd: '2017-09-30',
    indicators: [
      { name: 'showers_per_week', value: 700 + (index % 50) },
      { name: 'litres_per_person_per_day', value: 15 },
    ],
    staff: { salariedFte: 6, volunteers: 3 },
    index,
  },
  metadata: { actor, correlationId: randomUUID() },
});

export const benchStream = (): string => `bench-${randomUUID()}`;
