import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const root = resolve(here, '../..');

/** The console's JavaScript must stay under 300 kB gzipped (DSFR's CSS and fonts aside): printed, and enforced, by every build. */
const JS_BUDGET_BYTES = 300 * 1024;

const jsBudget = (): Plugin => {
  let outDir = '';
  return {
    name: 'mandate-ledger:js-budget',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
      const sizes = files.map((name) => ({ name, gzip: gzipSync(readFileSync(join(assets, name)), { level: 9 }).length }));
      const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
      const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
      console.log(`\nconsole JavaScript: ${kB(total)} gzipped in ${files.length} files (budget ${kB(JS_BUDGET_BYTES)})`);
      for (const { name, gzip } of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kB(gzip).padStart(9)}  ${name}`);
      if (total > JS_BUDGET_BYTES) this.error(`the console's JavaScript is ${kB(total)} gzipped, over its budget of ${kB(JS_BUDGET_BYTES)}`);
    },
  };
};

/** `npm run build:console`: the web console into dist/console, served by the API at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  resolve: {
    alias: {
      '@mandate-ledger/audit/portable': join(root, 'libs/audit/src/portable.ts'),
      '@mandate-ledger/domain': join(root, 'libs/domain/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: join(root, 'dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      // DSFR's large stylesheet makes Vite's CSS transform slow, which rolldown reports each build.
      checks: { pluginTimings: false },
      // react-dsfr marks its modules "use client" for Next.js; a single-page app has no server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  plugins: [jsBudget()],
});
