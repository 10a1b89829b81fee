import Database from 'better-sqlite3';

/** How far an online backup is: pages copied of the database's pages. */
export interface BackupProgress {
  readonly totalPages: number;
  readonly remainingPages: number;
}

/** Pages copied per step: about 4 MB with SQLite's default page size, so progress moves and the loop breathes. */
const PAGES_PER_STEP = 1000;

/**
 * Copies the SQLite database at `source` into `destination` with SQLite's online backup API, while
 * other processes keep writing to it. The copy is one consistent snapshot: a read transaction held
 * on the source for the whole copy pins it (in WAL mode it blocks no writer), where a backup without
 * it restarts after every write made by another connection and, under steady writes, never ends.
 */
export const backupSqliteDatabase = async (source: string, destination: string, onProgress?: (progress: BackupProgress) => void): Promise<void> => {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN');
    // The snapshot starts at the first read, not at BEGIN.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    try {
      let totalPages = 0;
      await db.backup(destination, {
        progress: (progress) => {
          totalPages = progress.totalPages;
          onProgress?.(progress);
          return PAGES_PER_STEP;
        },
      });
      // The last step ends the backup without a call of its own.
      onProgress?.({ totalPages, remainingPages: 0 });
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
};
