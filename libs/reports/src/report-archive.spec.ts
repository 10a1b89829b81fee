import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteReportArchive, type ReportArchive, sha256Of } from './report-archive';

describe('the archive of issued reports (SQLite)', () => {
  let dir: string;
  let archive: ReportArchive;
  const file = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    return { sha256: sha256Of(bytes), bytes, contentType: 'text/csv; charset=utf-8; header=present', fileName: 'rapport.csv' };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml-archive-'));
    archive = await openSqliteReportArchive(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back the bytes kept under their SHA-256, and nothing for another hash', async () => {
    const report = file('case_id,row\r\n');
    await archive.keep(report);
    expect(await archive.find(report.sha256)).toEqual(report);
    expect(await archive.find(sha256Of(Buffer.from('other')))).toBeUndefined();
  });

  it('keeps the same bytes once, however often they are issued', async () => {
    const report = file('case_id,row\r\n');
    await archive.keep(report);
    await archive.keep({ ...report, fileName: 'again.csv' });
    expect((await archive.find(report.sha256))?.fileName).toBe('rapport.csv');
  });

  it('refuses bytes that do not hash to the SHA-256 given', async () => {
    await expect(archive.keep({ ...file('a'), bytes: Buffer.from('b') })).rejects.toThrow(/do not hash/);
  });

  it('refuses to change or delete a kept file, even through SQL', async () => {
    const report = file('case_id,row\r\n');
    await archive.keep(report);
    const db = new Database(join(dir, 'events.db'));
    try {
      expect(() => db.prepare('UPDATE report_files SET bytes = ?').run(Buffer.from('x'))).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM report_files').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
