import { randomUUID } from 'node:crypto';
import { type EventToAppend, WrongExpectedRevisionError } from '@mandate-ledger/event-store';
import { InMemoryEventStore } from '@mandate-ledger/event-store/in-memory/in-memory.event-store';
import { instrumentedEventStore } from './instrumented-event-store';
import { Metrics } from './metrics';

const event = (type: string): EventToAppend => ({ id: randomUUID(), type, schemaVersion: 1, data: {}, metadata: { actor: { sub: 's', role: 'officer' }, correlationId: 'c' } });

const value = async (metrics: Metrics, name: string, labels: Record<string, string>): Promise<number | undefined> => {
  // A histogram's `_count` is one of its values, named by `metricName`.
  const values = (await metrics.registry.getMetricsAsJSON()).flatMap((m) => m.values.map((v) => ({ ...v, metricName: (v as { metricName?: string }).metricName ?? m.name })));
  return values.find((v) => v.metricName === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
};

describe('the measured event store', () => {
  it('counts the events appended by type, a conflict by store, and a retry that appended nothing not at all', async () => {
    const metrics = new Metrics();
    const store = instrumentedEventStore(new InMemoryEventStore(), 'memory', metrics);
    const granted = event('MandateGranted');
    await store.appendToStream('mandate-1', [granted, event('MandateSuspended')], 'no_stream');
    await store.appendToStream('mandate-1', [granted], 'any');
    await expect(store.appendToStream('mandate-1', [event('MandateReinstated')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);

    expect(await value(metrics, 'mandate_ledger_events_appended_total', { store: 'memory', type: 'MandateGranted' })).toBe(1);
    expect(await value(metrics, 'mandate_ledger_events_appended_total', { store: 'memory', type: 'MandateSuspended' })).toBe(1);
    expect(await value(metrics, 'mandate_ledger_events_appended_total', { store: 'memory', type: 'MandateReinstated' })).toBeUndefined();
    expect(await value(metrics, 'mandate_ledger_event_store_append_conflicts_total', { store: 'memory' })).toBe(1);
    expect(await value(metrics, 'mandate_ledger_event_store_append_duration_seconds_count', { store: 'memory', outcome: 'ok' })).toBe(2);
    expect(await value(metrics, 'mandate_ledger_event_store_append_duration_seconds_count', { store: 'memory', outcome: 'conflict' })).toBe(1);
  });

  it('has the optional methods of the store it measures, and only those', () => {
    const plain = instrumentedEventStore(new InMemoryEventStore(), 'memory', new Metrics());
    expect([plain.onAppended, plain.wakeSubscriptions]).toEqual([undefined, undefined]);
    const told: string[] = [];
    const polling = Object.assign(new InMemoryEventStore(), { onAppended: () => () => undefined, wakeSubscriptions: () => void told.push('woken') });
    instrumentedEventStore(polling, 'memory', new Metrics()).wakeSubscriptions?.();
    expect(told).toEqual(['woken']);
  });
});
