import { Injectable } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { routeOf } from './request-log';

const SECONDS_FAST = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const SECONDS_HTTP = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SECONDS_REPORT = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The server's Prometheus metrics, in a registry of its own (each app its own, so that tests may
 * start several in one process). Counters and histograms are updated as things happen; the gauges
 * of projections and of the audit tree are read from the stores when scraped (`MetricsScrape`).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'mandate_ledger_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, and how long their answers took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_HTTP,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'mandate_ledger_event_store_append_duration_seconds',
    help: 'Appends to the event store by store and outcome (ok, conflict, error), and how long they took',
    labelNames: ['store', 'outcome'] as const,
    buckets: SECONDS_FAST,
    registers: [this.registry],
  });

  readonly appendConflicts = new Counter({
    name: 'mandate_ledger_event_store_append_conflicts_total',
    help: 'Appends refused because the stream had moved (wrong expected revision), by store',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'mandate_ledger_events_appended_total',
    help: 'Events appended by this process, by store and event type (retries that appended nothing are not counted)',
    labelNames: ['store', 'type'] as const,
    registers: [this.registry],
  });

  readonly reportDuration = new Histogram({
    name: 'mandate_ledger_report_render_duration_seconds',
    help: 'Compliance reports built and rendered, by format, and how long it took (reading, proofs and rendering)',
    labelNames: ['format'] as const,
    buckets: SECONDS_REPORT,
    registers: [this.registry],
  });

  readonly projectionLagPositions = this.gauge('mandate_ledger_projection_lag_positions', 'Head of the log minus the position the serving generation applied (sparse on PostgreSQL: compare, do not count)', ['projection']);
  readonly projectionLagEvents = this.gauge('mandate_ledger_projection_lag_events', 'Events the serving generation has not applied yet, counted up to 1000', ['projection']);
  readonly projectionLagSeconds = this.gauge('mandate_ledger_projection_lag_seconds', 'Age of the oldest event the serving generation has not applied yet (0 when caught up)', ['projection']);
  readonly projectionState = this.gauge('mandate_ledger_projection_state', 'State of each projection: 1 for its current state (live, building, failed, not_started), 0 for the others', ['projection', 'state']);
  readonly sealerLagEvents = this.gauge('mandate_ledger_audit_sealer_lag_events', 'Events appended but not sealed into the Merkle tree yet, counted up to 1000', []);
  readonly sealerLagSeconds = this.gauge('mandate_ledger_audit_sealer_lag_seconds', 'Age of the oldest event not sealed yet (0 when everything is sealed)', []);
  readonly treeSize = this.gauge('mandate_ledger_audit_tree_size', 'Leaves in the sealed Merkle tree', []);
  readonly checkpointAge = this.gauge('mandate_ledger_audit_checkpoint_age_seconds', 'Time since the latest checkpoint was signed (NaN before the first)', []);
  readonly checkpointTreeSize = this.gauge('mandate_ledger_audit_checkpoint_tree_size', 'Tree size of the latest signed checkpoint', []);
  readonly scrapeErrors = new Counter({
    name: 'mandate_ledger_metrics_scrape_errors_total',
    help: 'Scrapes that could not read a store (the gauges then keep their previous values)',
    labelNames: ['part'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Times every request from its first byte to its answer, labelled with the route pattern Express matched. */
  readonly requestMiddleware: RequestHandler = (request, response, next) => {
    const started = process.hrtime.bigint();
    let done = false;
    const observe = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.httpRequestDuration.observe({ method: request.method, route: routeOf(request), status: String(response.statusCode) }, seconds);
    };
    response.once('finish', observe);
    response.once('close', observe);
    next();
  };
}
