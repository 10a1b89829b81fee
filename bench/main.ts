import { runApiBenchmark } from './api.bench';
import { runAuditBenchmark } from './audit.bench';
import { runConsoleBenchmark } from './console.bench';
import { runProjectionsBenchmark } from './projections.bench';
import { runReportBenchmark } from './report.bench';
import { runSoakBenchmark } from './soak.bench';
import { runStoreBenchmark } from './store.bench';

/** `npm run bench -- <name>`: each benchmark prints its figures and its ratio to a baseline measured in the same run. */
const benchmarks: Record<string, (args: string[]) => Promise<void>> = {
  store: runStoreBenchmark,
  projections: runProjectionsBenchmark,
  audit: runAuditBenchmark,
  api: runApiBenchmark,
  report: runReportBenchmark,
  console: runConsoleBenchmark,
  soak: runSoakBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const run = benchmarks[name ?? ''];
if (!run) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
run(args).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
