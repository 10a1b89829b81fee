import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { appConfigFrom } from '../../apps/api/src/config/app-config';
import { Metrics } from '../../apps/api/src/operations/metrics';

// docker/compose.yml cannot run on these machines (no container engine): this keeps its files valid
// and in step with what the app reads, so that a stale name or port fails here rather than there.

const docker = join(__dirname, '..', '..', 'docker');
const yamlOf = (file: string) => parse(readFileSync(join(docker, file), 'utf8'), { merge: true });

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = yamlOf('compose.yml') as { services: Record<string, Service>; volumes: Record<string, unknown> };
const apis = Object.entries(compose.services).filter(([name]) => name.startsWith('api-'));

/** The environment a replica would get, `${VAR:?…}` and `${VAR:-default}` given values as the README says. */
const substituted = (environment: Record<string, string>): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_, variable: string, fallback?: string) =>
        fallback ?? { AUTH_JWT_SECRET: 'c'.repeat(44), AUDIT_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'), SESSION_SECRET: 's'.repeat(44), POSTGRES_PASSWORD: 'secret' }[variable] ?? 'x',
      ),
    ]),
  );

describe('docker/compose.yml, the full stack on paper', () => {
  it('describes PostgreSQL, two API replicas, a three-node EventStoreDB cluster, Prometheus and Grafana, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api-1', 'api-2', 'esdb-1', 'esdb-2', 'esdb-3', 'grafana', 'postgres', 'prometheus']);
    for (const [name, service] of Object.entries(compose.services)) {
      // The EventStoreDB image ships its own HEALTHCHECK.
      if (!name.startsWith('esdb-')) expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
    for (const [, service] of apis) {
      expect(service.healthcheck!.test.join(' ')).toContain(`http://localhost:${service.environment!.PORT}/health/ready`);
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      expect(existsSync(join(docker, '..', service.build!.context.replace('..', '.'), service.build!.dockerfile))).toBe(true);
    }
    for (const node of ['esdb-1', 'esdb-2', 'esdb-3']) {
      const environment = compose.services[node].environment!;
      expect(environment.EVENTSTORE_CLUSTER_SIZE).toBe('3');
      expect(environment.EVENTSTORE_GOSSIP_SEED.split(',').sort()).toEqual(['esdb-1', 'esdb-2', 'esdb-3'].filter((n) => n !== node).map((n) => `${n}:2113`));
    }
    for (const volume of Object.values(compose.services).flatMap((s) => s.volumes ?? [])) {
      const [source] = volume.split(':');
      if (source.startsWith('./')) expect({ volume, exists: existsSync(join(docker, source)) }).toEqual({ volume, exists: true });
      else expect(Object.keys(compose.volumes)).toContain(source);
    }
  });

  it('gives each replica only settings the app reads, valid, with the same secrets, and publishes its PORT', () => {
    const environments = apis.map(([, service]) => service.environment!);
    expect(environments[0]).toEqual(environments[1]);
    for (const [name, service] of apis) {
      const env = substituted(service.environment!);
      const read = new Set<string>();
      const config = appConfigFrom(new Proxy(env, { get: (target, key: string) => (read.add(key), target[key]) }));
      expect({ name, unread: Object.keys(env).filter((key) => !read.has(key)) }).toEqual({ name, unread: [] });
      expect(config).toMatchObject({ production: true, port: 3000, eventStore: { kind: 'postgres', databaseSchema: 'ledger' }, operations: { logFormat: 'json', metricsPort: 9464 } });
      expect(appConfigFrom({ ...env, EVENT_STORE: 'esdb' }).eventStore).toMatchObject({ kind: 'esdb', esdbConnectionString: expect.stringContaining('esdb-1:2113,esdb-2:2113,esdb-3:2113') });
      expect(service.ports).toEqual([expect.stringMatching(new RegExp(`^'?\\d+:${config.port}'?$`))]);
      const database = new URL(env.DATABASE_URL!);
      expect([database.hostname, database.port, database.pathname]).toEqual(['postgres', '5432', `/${compose.services.postgres.environment!.POSTGRES_DB}`]);
    }
  });

  it('has Prometheus scrape every replica on its METRICS_PORT, and Grafana read Prometheus and show the dashboard', () => {
    const prometheus = yamlOf('prometheus/prometheus.yml') as { scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[] };
    const job = prometheus.scrape_configs.find((c) => c.job_name === 'mandate-ledger')!;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs.flatMap((c) => c.targets).sort()).toEqual(apis.map(([name, service]) => `${name}:${service.environment!.METRICS_PORT}`).sort());
    expect(compose.services.prometheus.volumes).toContain('./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');

    const datasources = yamlOf('grafana/provisioning/datasources/prometheus.yml') as { datasources: { uid: string; url: string }[] };
    const [published] = compose.services.prometheus.ports!;
    expect(datasources.datasources[0].url).toBe(`http://prometheus:${published.split(':')[1]}`);
    const providers = yamlOf('grafana/provisioning/dashboards/dashboards.yml') as { providers: { options: { path: string } }[] };
    expect(compose.services.grafana.volumes).toContain(`./grafana/dashboards:${providers.providers[0].options.path}:ro`);
  });

  it('has a dashboard whose every query names metrics the app exports', async () => {
    const dashboard = JSON.parse(readFileSync(join(docker, 'grafana/dashboards/mandate-ledger.json'), 'utf8')) as { panels: { title: string; targets: { expr: string; datasource: { uid: string } }[] }[] };
    const exported = new Set((await new Metrics().registry.getMetricsAsJSON()).map((metric) => metric.name));
    const named = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\b(mandate_ledger|nodejs|process)_\w+/g) ?? []));
    const unknown = named.map((name) => name.replace(/_(bucket|count|sum)$/, '')).filter((name) => !exported.has(name));
    expect(unknown).toEqual([]);
    const shown = new Set(named.map((name) => name.replace(/_(bucket|count|sum)$/, '')));
    expect([...exported].filter((name) => name.startsWith('mandate_ledger_') && !shown.has(name))).toEqual([]);
    expect(new Set(dashboard.panels.flatMap((p) => p.targets.map((t) => t.datasource.uid)))).toEqual(new Set(['prometheus']));
  });
});
