import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, type ProjectionState, projectionStatuses, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import { AuditRuntime } from '../audit/audit-runtime';
import { Metrics } from './metrics';

const STATES: readonly ProjectionState[] = ['live', 'building', 'failed', 'not_started'];
/** Events counted behind a projection or the sealer: past this, the lag in seconds says more. */
const LAG_COUNT_LIMIT = 1000;

/**
 * What a scrape reads from the stores before answering: each projection's lag and state (the same
 * on every replica: they share the read store) and how far the sealer and the checkpoints are
 * behind the log. A store that cannot be read leaves its gauges as they were and counts an error.
 */
@Injectable()
export class MetricsScrape {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: Metrics,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly audit: AuditRuntime,
  ) {}

  /** The Prometheus text of every metric, the stores' gauges read now. */
  async text(): Promise<string> {
    await Promise.all([this.guarded('projections', () => this.projections()), this.guarded('audit', () => this.sealing())]);
    return this.metrics.registry.metrics();
  }

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  private async guarded(part: string, read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch (error) {
      this.metrics.scrapeErrors.inc({ part });
      this.logger.error(`reading the ${part} for a scrape failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async projections(): Promise<void> {
    const { projectionLagPositions, projectionLagEvents, projectionLagSeconds, projectionState } = this.metrics;
    for (const status of await projectionStatuses(this.events, this.readStore, APPLICATION_PROJECTIONS, { lagCountLimit: LAG_COUNT_LIMIT })) {
      const projection = status.name;
      const serving = status.live ?? status.building;
      for (const state of STATES) projectionState.set({ projection, state }, state === status.state ? 1 : 0);
      if (!serving) continue;
      projectionLagPositions.set({ projection }, Number(serving.behindPositions));
      projectionLagEvents.set({ projection }, serving.lagEvents ?? 0);
      projectionLagSeconds.set({ projection }, serving.lagSeconds);
    }
  }

  private async sealing(): Promise<void> {
    const { store } = this.audit.log;
    const [state, latest] = [await store.sealState(), await store.latestCheckpoint()];
    const unsealed = await this.audit.storedEvents.readAll({ after: state.sealedPosition, maxCount: LAG_COUNT_LIMIT });
    const now = Date.now();
    this.metrics.treeSize.set(state.treeSize);
    this.metrics.sealerLagEvents.set(unsealed.length);
    this.metrics.sealerLagSeconds.set(unsealed.length === 0 ? 0 : Math.max(0, (now - Date.parse(unsealed[0].recordedAt)) / 1000));
    if (latest) {
      this.metrics.checkpointAge.set(Math.max(0, (now - Date.parse(latest.signedAt)) / 1000));
      this.metrics.checkpointTreeSize.set(latest.treeSize);
    } else {
      // No checkpoint yet: no age (a 0 would read as a fresh one).
      this.metrics.checkpointAge.set(Number.NaN);
      this.metrics.checkpointTreeSize.set(0);
    }
  }
}
