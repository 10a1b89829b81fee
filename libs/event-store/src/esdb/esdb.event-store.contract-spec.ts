import { execFileSync } from 'node:child_process';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { describeEventStoreContract, type EventStoreContractSetup } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb.event-store';

// Runs against ESDB_CONNECTION_STRING when set (see docker/eventstoredb.compose.yml), else against a
// throwaway container when testcontainers finds a runtime, else is skipped with its reason (or fails
// with it under REQUIRE_ESDB=1, for CI).
const IMAGE = 'eventstore/eventstore:24.10';

/**
 * Asks testcontainers itself whether a container runtime answers, in a child process because jest
 * collects tests synchronously. Without a runtime it fails in well under a second.
 */
const containerRuntimeProblem = (): string | undefined => {
  const probe = `require(${JSON.stringify(require.resolve('testcontainers'))}).getContainerRuntimeClient().then(
    () => process.exit(0),
    (error) => { process.stderr.write(String(error && error.message || error)); process.exit(1); })`;
  try {
    execFileSync(process.execPath, ['-e', probe], { timeout: 20_000, stdio: ['ignore', 'ignore', 'pipe'] });
    return undefined;
  } catch (error) {
    const { stderr, signal } = error as { stderr?: Buffer; signal?: string };
    if (signal) return 'the runtime check timed out';
    return stderr?.toString().trim().split('\n').pop() || String(error);
  }
};

let connectionString = process.env.ESDB_CONNECTION_STRING;
const problem = connectionString ? undefined : containerRuntimeProblem();

const setup = (): EventStoreContractSetup => ({
  openStore: async (options) => EsdbEventStore.open({ connectionString: connectionString!, upcasters: options?.upcasters }),
  openAnotherStore: async () => EsdbEventStore.open({ connectionString: connectionString! }),
  // ESDB keeps no index by event id: its duplicate check only sees ids already in the same stream.
  detectsIdsReusedAcrossStreams: false,
});

if (problem !== undefined) {
  const reason = `ESDB_CONNECTION_STRING is not set and no container runtime was found (${problem})`;
  if (process.env.REQUIRE_ESDB === '1') {
    describe('esdb contract suite', () => {
      it('reaches EventStoreDB (REQUIRE_ESDB=1)', () => {
        throw new Error(reason);
      });
    });
  } else {
    // Straight to stderr: jest drops the console output of a fully skipped file when it runs several.
    process.stderr.write(`esdb contract suite skipped: ${reason}\n`);
    describe.skip('esdb contract suite (no EventStoreDB server)', () => describeEventStoreContract('esdb', setup));
  }
} else {
  jest.setTimeout(120_000);
  let container: StartedTestContainer | undefined;

  beforeAll(async () => {
    if (connectionString) return;
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_CLUSTER_SIZE: '1',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forAll([Wait.forListeningPorts(), Wait.forHealthCheck()]))
      .withStartupTimeout(180_000)
      .start();
    connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  }, 300_000);

  afterAll(async () => {
    await container?.stop();
  });

  describeEventStoreContract('esdb', setup);
}
