/** One line of a benchmark table: the project's operation beside its raw baseline. */
export interface Comparison {
  readonly adapter: string;
  readonly operation: string;
  readonly unit: string;
  readonly store: number;
  readonly raw: number;
  readonly target: number;
}

/** Runs `step` repeatedly for `seconds` and returns units per second (`step` returns how many units it did). */
export const ratePerSecond = async (seconds: number, step: () => Promise<number> | number): Promise<number> => {
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  let units = 0;
  while (performance.now() < deadline) units += await step();
  return units / ((performance.now() - start) / 1000);
};

/** Times a whole job and returns units per second. */
export const timedRate = async (units: number, job: () => Promise<void> | void): Promise<number> => {
  const start = performance.now();
  await job();
  return units / ((performance.now() - start) / 1000);
};

const format = (n: number): string => Math.round(n).toLocaleString('en-US');

export const printTable = (title: string, rows: readonly Comparison[]): void => {
  const lines = rows.map((r) => {
    const ratio = r.store / r.raw;
    return [r.adapter, r.operation, `${format(r.store)} ${r.unit}`, `${format(r.raw)} ${r.unit}`, ratio.toFixed(2), `${ratio >= r.target ? 'ok' : 'BELOW'} (≥ ${r.target})`];
  });
  const header = ['adapter', 'operation', 'store', 'raw baseline', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(row(line));
};

/** Progress of a long step on stderr: a live line on a terminal, a line every tenth otherwise. */
export const progress = (label: string, done: number, total: number): void => {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${label}: ${format(done)} / ${format(total)}   `);
    if (done >= total) process.stderr.write('\n');
    return;
  }
  const tenth = Math.max(1, Math.floor(total / 10));
  if (done % tenth === 0 || done >= total) process.stderr.write(`${label}: ${format(done)} / ${format(total)}\n`);
};

/** The value following `flag` in a benchmark's arguments (`--seconds 3`), if given. */
export const optionOf = (args: readonly string[], flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
