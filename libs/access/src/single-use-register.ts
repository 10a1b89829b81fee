import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateFolder } from '@mandate-ledger/storage';

const ID = /^[0-9a-f]{32}$/;

/**
 * Ids used once and remembered until they expire: sign-in links consumed, sessions signed out. A file
 * per id created with `O_EXCL`, so that of two processes sharing the data folder (the server and a
 * replica, or a restart) exactly one claims an id. Expired entries are swept as new ones come.
 */
export class SingleUseRegister {
  private sweptAt = 0;

  constructor(private readonly folder: string) {}

  /** Records `id` until `expiresAtSeconds`; false if it was recorded already. */
  claim(id: string, expiresAtSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
    if (!ID.test(id)) throw new Error('ids are 32 hex digits');
    createPrivateFolder(this.folder);
    this.sweep(nowSeconds);
    try {
      writeFileSync(join(this.folder, id), String(expiresAtSeconds), { mode: 0o600, flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  has(id: string): boolean {
    if (!ID.test(id)) return false;
    try {
      statSync(join(this.folder, id));
      return true;
    } catch {
      return false;
    }
  }

  private sweep(nowSeconds: number): void {
    if (nowSeconds - this.sweptAt < 60) return;
    this.sweptAt = nowSeconds;
    for (const name of readdirSync(this.folder)) {
      if (!ID.test(name)) continue;
      const file = join(this.folder, name);
      try {
        if (Number(readFileSync(file, 'utf8')) <= nowSeconds) rmSync(file, { force: true });
      } catch {
        // Swept by another process meanwhile.
      }
    }
  }
}

/** Where a data folder keeps the ids of used sign-in links and of signed-out sessions. */
export const accessRegisters = (dataDir: string) => ({
  usedSignInLinks: new SingleUseRegister(join(dataDir, 'access', 'used-sign-in-links')),
  revokedSessions: new SingleUseRegister(join(dataDir, 'access', 'revoked-sessions')),
});
