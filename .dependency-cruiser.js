/** Dependency rules of DESIGN §2 and STYLE "Layout": checked in `npm test` and CI. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing of ours and no package: deciders are pure TypeScript.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: ['^libs/domain/', '^node_modules/@types/', 'node:assert'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure-types',
      comment: 'Not even types from other libraries or apps.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: ['^libs/(?!domain/)', '^apps/'] },
    },
    {
      name: 'only-esdb-imports-the-esdb-client',
      severity: 'error',
      from: { pathNot: '^libs/event-store/src/esdb/' },
      to: { path: 'node_modules/@eventstore/db-client' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libraries-meet-through-their-index',
      comment: 'A library reaches another only through its index.ts (@mandate-ledger/<name>), never a file inside it: what a library offers is what its index exports.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: ['\\.(spec|contract-spec|e2e-spec)\\.ts$'] },
      to: { path: '^libs/[^/]+/src/(?!index\\.ts$)', pathNot: '^libs/$1/' },
    },
    {
      name: 'the-cli-never-imports-the-api',
      comment: 'The CLI runs commands and builds reports through the libraries, as the API does: it never reaches into the HTTP service.',
      severity: 'error',
      from: { path: '^apps/cli/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'projections-use-the-port-not-adapters',
      comment: 'Projections depend on the EventStore port, never on an adapter folder.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/event-store/src/(sqlite|postgres|esdb)/' },
    },
    {
      name: 'bundle-verifier-stays-offline',
      comment: 'verify-bundle checks evidence with no database and no network: the offline verifier reaches only node:crypto and the pure audit files.',
      severity: 'error',
      from: { path: '^libs/audit/src/bundle-verifier\\.ts$' },
      to: {
        reachable: true,
        pathNot: [
          '^libs/audit/src/(bundle-verifier|bundle-verification|canonical-json|crypto-steps|evidence-bundle|inclusion-proof|signed-note-reader|node-crypto)\\.ts$',
          '^(node:)?crypto$',
        ],
      },
    },
    {
      name: 'portable-audit-runs-anywhere',
      comment: 'The verification the web console runs in the browser: the pure audit files alone, not even node:crypto (the crypto is injected).',
      severity: 'error',
      from: { path: '^libs/audit/src/portable\\.ts$' },
      to: {
        reachable: true,
        pathNot: ['^libs/audit/src/(portable|bundle-verification|canonical-json|crypto-steps|evidence-bundle|inclusion-proof|signed-note-reader)\\.ts$'],
      },
    },
    {
      name: 'report-verifier-stays-offline',
      comment:
        'verify-bundle recomputes a compliance report from the bundle alone: the report verifier reaches the pure domain, the report content module and the pure audit files, never a store or a driver.',
      severity: 'error',
      from: { path: '^apps/cli/src/verify-report\\.ts$' },
      to: {
        reachable: true,
        pathNot: [
          '^apps/cli/src/verify-report\\.ts$',
          '^libs/reports/src/compliance-report\\.content\\.ts$',
          '^libs/domain/src/',
          '^libs/audit/src/(evidence-bundle|leaf|canonical-json)\\.ts$',
          '^(node:)?(crypto|assert)$',
        ],
      },
    },
    {
      name: 'console-calls-the-api-only',
      comment:
        'The web console runs in browsers and talks to the HTTP API: besides packages it may use the pure domain and the portable audit files (verification), never the API, a store or a Node built-in.',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { pathNot: ['^apps/console/src/', '^node_modules/', '^libs/domain/src/', '^libs/audit/src/portable\\.ts$'] },
    },
    {
      name: 'console-has-no-node-built-ins',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['^dist/'] },
  },
};
