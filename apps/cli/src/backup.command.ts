import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { secretFile } from '@mandate-ledger/access';
import { signingKeyFile } from '@mandate-ledger/audit';
import { eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { readStoreConfigFrom } from '@mandate-ledger/projections';
import { backupSqliteDatabase, type BackupProgress, createPrivateFolder, extractArchive, writeArchive } from '@mandate-ledger/storage';
import { parseArguments } from './verify-support';

const BACKUP_USAGE = 'usage: npm run cli -- backup --out FILE';
const RESTORE_USAGE = 'usage: npm run cli -- restore FILE';

/** What a backup holds, written last in the archive. */
export interface BackupManifest {
  readonly format: 'mandate-ledger/backup';
  readonly version: 1;
  readonly createdAt: string;
  /** The log as copied: its events, head position and sealed tree size. */
  readonly log: { readonly events: number; readonly headPosition: string | null; readonly treeSize: number };
  /** Each file with its role, size and SHA-256, checked on restore. */
  readonly files: readonly { readonly name: string; readonly role: 'log' | 'read-models' | 'key'; readonly bytes: number; readonly sha256: string }[];
}

const MANIFEST = 'manifest.json';
const LOG = 'log/mandate-ledger.db';
const READ_MODELS = 'read-models/mandate-ledger-read-models.db';

/** Where the embedded store's files are, from the configuration the server reads; refused for the other stores. */
const embeddedFiles = (env: NodeJS.ProcessEnv) => {
  const eventStore = eventStoreConfigFrom(env);
  const readStore = readStoreConfigFrom(env, eventStore);
  if (eventStore.kind !== 'sqlite' || readStore.kind !== 'sqlite') {
    throw new Error('backup and restore copy the embedded SQLite store; for PostgreSQL use pg_dump and pg_restore (see the README)');
  }
  return {
    dataDir: eventStore.dataDir,
    log: eventStore.sqlitePath,
    readModels: readStore.sqlitePath,
    keys: [
      { name: 'keys/jwt-secret', path: secretFile(eventStore.dataDir) },
      { name: 'keys/audit-signing-key.pem', path: signingKeyFile(eventStore.dataDir) },
    ],
  };
};

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const sha256Of = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

/** `label: 42% (1,234 of 2,900 pages)` on stderr: one rewritten line on a terminal, else a line at each quarter. */
const progressOf = (label: string): ((progress: BackupProgress) => void) => {
  let printed = -1;
  return ({ totalPages, remainingPages }) => {
    const done = totalPages - remainingPages;
    const percent = totalPages === 0 ? 100 : Math.floor((100 * done) / totalPages);
    const line = `${label}: ${percent}% (${done.toLocaleString('en-US')} of ${totalPages.toLocaleString('en-US')} pages)`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${remainingPages === 0 ? '\n' : ''}`);
    else if (Math.floor(percent / 25) > printed) {
      printed = Math.floor(percent / 25);
      process.stderr.write(`${line}\n`);
    }
  };
};

const logSummary = (file: string): BackupManifest['log'] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { events, head } = db.prepare('SELECT count(*) AS events, max(position) AS head FROM events').get() as { events: number; head: number | bigint | null };
    const hasSeals = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'audit_seals'").get() !== undefined;
    const treeSize = hasSeals ? ((db.prepare('SELECT max(tree_size) AS size FROM audit_seals').get() as { size: number | null }).size ?? 0) : 0;
    return { events, headPosition: head === null ? null : String(head), treeSize };
  } finally {
    db.close();
  }
};

/**
 * `npm run cli -- backup --out FILE`: a consistent copy of the embedded store while the server runs:
 * the read models first, then the log with its audit tables (so that no read model is ahead of the
 * log it is restored with), each by SQLite's online backup of one snapshot, and the keys generated
 * in the data folder; one gzipped tar, created 0600, with a manifest of SHA-256 sums.
 */
export const runBackup = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let out: string;
  try {
    const { options, positional } = parseArguments(args, ['out']);
    if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
    if (!options.out) throw new Error('--out FILE is required');
    out = options.out;
    if (existsSync(out)) throw new Error(`${out} exists: a backup never overwrites a file`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${BACKUP_USAGE}`);
    return 2;
  }
  const files = embeddedFiles(env);
  if (!existsSync(files.log)) {
    console.error(`no event log at ${files.log}: nothing to back up`);
    return 1;
  }
  const work = mkdtempSync(join(dirname(out), `.${basename(out)}-`));
  try {
    const entries: { name: string; path: string; role: 'log' | 'read-models' | 'key' }[] = [];
    if (existsSync(files.readModels)) {
      await backupSqliteDatabase(files.readModels, join(work, 'read-models.db'), progressOf('backup: read models'));
      entries.push({ name: READ_MODELS, path: join(work, 'read-models.db'), role: 'read-models' });
    }
    await backupSqliteDatabase(files.log, join(work, 'log.db'), progressOf('backup: log'));
    entries.push({ name: LOG, path: join(work, 'log.db'), role: 'log' });
    for (const key of files.keys) if (existsSync(key.path)) entries.push({ ...key, role: 'key' });
    const manifest: BackupManifest = {
      format: 'mandate-ledger/backup',
      version: 1,
      createdAt: new Date().toISOString(),
      log: logSummary(join(work, 'log.db')),
      files: await Promise.all(entries.map(async ({ name, path, role }) => ({ name, role, bytes: statSync(path).size, sha256: await sha256Of(path) }))),
    };
    writeFileSync(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await writeArchive(out, [...entries, { name: MANIFEST, path: join(work, MANIFEST) }]);
    console.error(
      `backed up ${manifest.log.events.toLocaleString('en-US')} events (head position ${manifest.log.headPosition ?? 'none'}, tree size ${manifest.log.treeSize})` +
        `${entries.some((e) => e.role === 'read-models') ? ', the read models' : ''} and ${plural(entries.filter((e) => e.role === 'key').length, 'key')} into ${out}` +
        ` (${statSync(out).size.toLocaleString('en-US')} bytes; it holds the keys: keep it as secret as the data folder)`,
    );
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

/**
 * `npm run cli -- restore FILE`: restores a backup into the configured data folder, which must be
 * empty or absent (as must the configured SQLite files), after checking every file's SHA-256.
 * Extracted beside the folder first, then moved in: a failed restore leaves nothing half written.
 */
export const runRestore = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let file: string;
  try {
    const { positional } = parseArguments(args, []);
    if (positional.length !== 1) throw new Error('restore takes one backup file');
    file = positional[0];
  } catch (error) {
    console.error(`${(error as Error).message}\n${RESTORE_USAGE}`);
    return 2;
  }
  const files = embeddedFiles(env);
  const occupied = [
    ...(existsSync(files.dataDir) ? readdirSync(files.dataDir).map((name) => join(files.dataDir, name)) : []),
    ...[files.log, files.readModels].filter((path) => existsSync(path)),
  ];
  if (occupied.length > 0) {
    console.error(`refusing to restore into a data folder that is not empty: ${occupied.slice(0, 3).join(', ')}${occupied.length > 3 ? ', …' : ''}`);
    return 1;
  }
  createPrivateFolder(dirname(files.dataDir));
  const work = mkdtempSync(join(dirname(files.dataDir), `.restore-${basename(files.dataDir)}-`));
  try {
    // Only the names a backup writes are extracted, each flattened into the work folder.
    const known = new Set([MANIFEST, LOG, READ_MODELS, ...files.keys.map((key) => key.name)]);
    const names = await extractArchive(file, (name) => (known.has(name) ? join(work, name.replaceAll('/', '__')) : undefined));
    if (!names.includes(MANIFEST)) throw new Error(`${file} holds no ${MANIFEST}: not a backup of mandate-ledger`);
    const manifest = JSON.parse(readFileSync(join(work, MANIFEST), 'utf8')) as BackupManifest;
    if (manifest.format !== 'mandate-ledger/backup' || manifest.version !== 1) throw new Error(`${file} is not a backup of mandate-ledger (version 1)`);
    for (const entry of manifest.files) {
      const path = join(work, entry.name.replaceAll('/', '__'));
      if (!existsSync(path) || (await sha256Of(path)) !== entry.sha256) throw new Error(`${entry.name} in ${file} is missing or does not match its SHA-256: the backup is damaged`);
    }
    const targetOf = (name: string): string | undefined =>
      name === LOG ? files.log : name === READ_MODELS ? files.readModels : files.keys.find((key) => key.name === name)?.path;
    createPrivateFolder(files.dataDir);
    for (const entry of manifest.files) {
      const target = targetOf(entry.name);
      if (!target) continue;
      createPrivateFolder(dirname(target));
      renameSync(join(work, entry.name.replaceAll('/', '__')), target);
    }
    console.error(
      `restored ${manifest.log.events.toLocaleString('en-US')} events (head position ${manifest.log.headPosition ?? 'none'}, tree size ${manifest.log.treeSize}) ` +
        `backed up at ${manifest.createdAt} into ${files.dataDir}; check it with: npm run cli -- verify`,
    );
    return 0;
  } catch (error) {
    console.error(`restore failed: ${(error as Error).message}`);
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
