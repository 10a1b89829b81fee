import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');

/** Runs dependency-cruiser with the project's rules on a small tree of files. */
const cruise = (files: Record<string, string>, folder = 'libs') => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-depcruise-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.' } }));
    return spawnSync(depcruise, [folder, '--config', join(root, '.dependency-cruiser.js')], { cwd: dir, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

// The rules themselves run on the real tree in `npm test`; these cases prove they can fail.
describe('dependency rules', () => {
  it('refuse a domain file that imports the event store', () => {
    const result = cruise({
      'libs/domain/src/mandate.ts': "import { x } from '../../event-store/src/port';\nexport const y = x;\n",
      'libs/event-store/src/port.ts': 'export const x = 1;\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('domain-is-pure');
  });

  it('refuse the EventStoreDB client outside esdb/', () => {
    const result = cruise({
      'libs/event-store/src/postgres/a.ts': "import { jsonEvent } from '@eventstore/db-client';\nexport const a = jsonEvent;\n",
      'node_modules/@eventstore/db-client/package.json': '{"name":"@eventstore/db-client","main":"index.js"}',
      'node_modules/@eventstore/db-client/index.js': 'exports.jsonEvent = 1;\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('only-esdb-imports-the-esdb-client');
  });

  it('refuse a library that reaches into another library past its index', () => {
    const result = cruise({
      'libs/audit/src/log.ts': "import { migrate } from '../../storage/src/migrations';\nexport const log = migrate;\n",
      'libs/storage/src/migrations.ts': 'export const migrate = 1;\n',
      'libs/storage/src/index.ts': "export * from './migrations';\n",
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('libraries-meet-through-their-index');
  });

  it('accept a library that imports another through its index, and its own files directly', () => {
    const result = cruise({
      'libs/audit/src/log.ts': "import { migrate } from '../../storage/src/index';\nimport { tree } from './tree';\nexport const log = [migrate, tree];\n",
      'libs/audit/src/tree.ts': 'export const tree = 1;\n',
      'libs/storage/src/migrations.ts': 'export const migrate = 1;\n',
      'libs/storage/src/index.ts': "export * from './migrations';\n",
    });
    expect(result.stdout).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('refuse a CLI command that imports the API', () => {
    const result = cruise(
      {
        'apps/cli/src/demo.command.ts': "import { GrantMandateCommand } from '../../api/src/mandates/grant.command';\nexport const a = GrantMandateCommand;\n",
        'apps/api/src/mandates/grant.command.ts': 'export class GrantMandateCommand {}\n',
      },
      'apps',
    );
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('the-cli-never-imports-the-api');
  });

  it('accept a domain that imports only itself', () => {
    const result = cruise({
      'libs/domain/src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'libs/domain/src/b.ts': 'export const b = 1;\n',
    });
    expect(result.stdout).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });
});
