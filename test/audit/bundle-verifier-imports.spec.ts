import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The rule proposed for .dependency-cruiser.js, checked here on the real tree until it is there. */
const RULE = {
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
};

describe('the offline bundle verifier', () => {
  it('reaches only node:crypto and the pure audit files, never a store or a driver', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-depcruise-audit-'));
    try {
      const config = join(dir, 'rules.js');
      writeFileSync(
        config,
        `const base = require(${JSON.stringify(join(root, '.dependency-cruiser.js'))});\n` +
          `module.exports = { ...base, forbidden: [${JSON.stringify(RULE)}] };\n`,
      );
      const result = spawnSync(join(root, 'node_modules', '.bin', 'depcruise'), ['libs/audit/src/bundle-verifier.ts', '--config', config], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(result.stdout).toContain('no dependency violations found');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
