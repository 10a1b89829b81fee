import { createReadStream, createWriteStream, fstatSync, openSync, closeSync, writeSync, fsyncSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

// A gzipped POSIX ustar archive, the few parts of it a backup needs: regular files, written and read
// as streams. `tar tzf FILE` lists it and `tar xzf FILE` extracts it.

const BLOCK = 512;
/** What 11 octal digits of size can say: 8 GiB. */
const MAX_SIZE = 8 * 1024 ** 3 - 1;

/** One file of an archive: its name inside, and where to read it from. */
export interface ArchiveEntry {
  readonly name: string;
  readonly path: string;
}

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

const header = (name: string, size: number, mtime: number): Buffer => {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  if (size > MAX_SIZE) throw new Error(`${name} is larger than 8 GiB, more than a ustar entry holds`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 'utf8');
  block.write(octal(0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0' + '00', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
};

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes `entries` into the gzipped tar `file` (created 0600, or refused if it exists). */
export const writeArchive = async (file: string, entries: readonly ArchiveEntry[]): Promise<void> => {
  async function* blocks(): AsyncGenerator<Buffer> {
    for (const entry of entries) {
      const fd = openSync(entry.path, 'r');
      const { size, mtimeMs } = fstatSync(fd);
      yield header(entry.name, size, mtimeMs);
      let written = 0;
      for await (const chunk of createReadStream('', { fd, autoClose: true })) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== size) throw new Error(`${entry.path} changed while it was archived`);
      yield padding(size);
    }
    yield Buffer.alloc(2 * BLOCK);
  }
  await pipeline(Readable.from(blocks()), createGzip(), createWriteStream(file, { mode: 0o600, flags: 'wx' }));
};

/**
 * Extracts the gzipped tar `file`: each regular file is written where `pathOf(name)` says (created
 * 0600, refused if it exists), or skipped when it says `undefined`; resolves with the names found.
 */
export const extractArchive = async (file: string, pathOf: (name: string) => string | undefined): Promise<string[]> => {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let current: { fd?: number; left: number; pad: number } | undefined;
  let ended = false;
  const consume = (): void => {
    for (;;) {
      if (current) {
        const take = Math.min(current.left, pending.length);
        if (take > 0 && current.fd !== undefined) writeSync(current.fd, pending, 0, take);
        pending = pending.subarray(take);
        current.left -= take;
        if (current.left > 0) return;
        if (pending.length < current.pad) return;
        pending = pending.subarray(current.pad);
        if (current.fd !== undefined) {
          fsyncSync(current.fd);
          closeSync(current.fd);
        }
        current = undefined;
      }
      if (ended || pending.length < BLOCK) return;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((byte) => byte === 0)) {
        ended = true;
        return;
      }
      const name = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(block.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
      const type = String.fromCharCode(block[156]);
      if (!Number.isSafeInteger(size) || block.subarray(257, 262).toString('ascii') !== 'ustar') throw new Error(`${file} is not a ustar archive`);
      const target = type === '0' || type === '\0' ? pathOf(name) : undefined;
      if (type === '0' || type === '\0') names.push(name);
      current = { fd: target === undefined ? undefined : openSync(target, 'wx', 0o600), left: size, pad: padding(size).length };
    }
  };
  await pipeline(createReadStream(file), createGunzip(), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      consume();
    }
  });
  if (current) throw new Error(`${file} ends inside an entry: it is truncated`);
  return names;
};
