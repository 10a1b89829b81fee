import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Creates `folder` and its missing parents readable by their owner only (0700); folders that exist keep their mode. */
export const createPrivateFolder = (folder: string): void => {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
};

/**
 * Creates `file`, empty and readable by its owner only (0600), with its folder, unless it exists.
 * For SQLite files: better-sqlite3 would create them with the umask's mode (often 0644), and SQLite
 * gives a database's `-wal` and `-shm` files the mode of the database file.
 */
export const createPrivateFile = (file: string): void => {
  createPrivateFolder(dirname(file));
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
};
