import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import {
  addCheckpointRequestFor,
  FileWitnessState,
  formatCosignerKey,
  generateSigningKeyPem,
  type NoteVerifier,
  openAuditedLog,
  parseCheckpoint,
  parseSigningKey,
  parseVerifierKey,
  splitNote,
  Witness,
  WitnessError,
} from '@mandate-ledger/audit';
import { parseArguments, storeConfigFrom, verifierKeyFor } from './verify-support';

const USAGE = [
  'usage: npm run cli -- witness key    --key FILE [--name NAME]',
  '       npm run cli -- witness cosign --key FILE --state FILE [--name NAME] [--log-key VKEY]... [--out FILE]',
  '       npm run cli -- witness serve  --key FILE --state FILE [--name NAME] [--log-key VKEY]... [--port 3100]',
].join('\n');

const MAX_BODY = 64 * 1024;

/** The witness's Ed25519 key: read from `file`, or generated there once (mode 0600). */
const witnessKeyIn = (file: string): ReturnType<typeof parseSigningKey> => {
  if (!existsSync(file)) writeFileSync(file, generateSigningKeyPem(), { mode: 0o600, flag: 'wx' });
  return parseSigningKey(readFileSync(file, 'utf8'));
};

/** The logs this witness cosigns: `--log-key` vkeys, else the configured log's key. */
const logKeys = (given: readonly string[], env: NodeJS.ProcessEnv): NoteVerifier[] =>
  given.length > 0
    ? given.map((vkey) => {
        const { name, publicKey } = parseVerifierKey(vkey.trim());
        return { name, publicKey };
      })
    : [verifierKeyFor(env, storeConfigFrom(env)).verifier];

/**
 * `npm run cli -- witness`: a transparency-log witness with its own Ed25519 key and state file
 * (C2SP tlog-witness). `cosign` submits the log's latest stored checkpoint, with a consistency
 * proof from the size the witness cosigned last, and prints the cosigned note; `serve` answers
 * `POST /add-checkpoint` over HTTP; `key` prints the witness's vkey, for `verify --witness-key`.
 */
export const runWitness = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  const [mode, ...rest] = args;
  let parsed: ReturnType<typeof parseArguments>;
  try {
    if (mode !== 'key' && mode !== 'cosign' && mode !== 'serve') throw new Error(mode ? `unknown witness command ${mode}` : 'witness needs a command');
    parsed = parseArguments(rest, ['key', 'state', 'name', 'out', 'port'], ['log-key']);
    if (parsed.positional.length > 0) throw new Error(`unexpected argument ${parsed.positional[0]}`);
    if (!parsed.options.key) throw new Error('--key FILE is required (the witness key, generated there if absent)');
    if (mode !== 'key' && !parsed.options.state) throw new Error('--state FILE is required (where the witness keeps the latest checkpoint it cosigned)');
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { options, lists } = parsed;
  const key = { name: options.name ?? `witness/${hostname()}`, privateKey: witnessKeyIn(options.key!) };
  const vkey = formatCosignerKey(key.name, key.privateKey);
  if (mode === 'key') {
    console.log(vkey);
    return 0;
  }
  const witness = new Witness(key, logKeys(lists['log-key'], env), new FileWitnessState(options.state!, vkey));
  return mode === 'cosign' ? cosign(witness, env, options.out) : serve(witness, Number(options.port ?? 3100));
};

const cosign = async (witness: Witness, env: NodeJS.ProcessEnv, out: string | undefined): Promise<number> => {
  const opened = await openAuditedLog(storeConfigFrom(env));
  try {
    const checkpoint = await opened.audit.latestCheckpoint();
    if (!checkpoint) {
      console.error('the log has no checkpoint yet: nothing to cosign');
      return 1;
    }
    const { origin } = parseCheckpoint(splitNote(checkpoint.note).body);
    const oldSize = (await witness.state.latest(origin))?.treeSize ?? 0;
    let line: string;
    try {
      line = await witness.addCheckpoint(await addCheckpointRequestFor(opened.audit, checkpoint, oldSize));
    } catch (error) {
      if (!(error instanceof WitnessError)) throw error;
      console.error(`✗ the witness ${witness.key.name} refuses the checkpoint of ${origin} at size ${checkpoint.treeSize} (${error.status}): ${error.message}`);
      return 1;
    }
    const note = `${checkpoint.note}${line}`;
    console.error(`✓ ${witness.key.name} cosigned the checkpoint of ${origin} at size ${checkpoint.treeSize}${oldSize > 0 ? `, consistent with size ${oldSize} it cosigned before` : ''}`);
    if (out) writeFileSync(out, note);
    else process.stdout.write(note);
    return 0;
  } finally {
    await opened.close();
  }
};

/** C2SP tlog-witness over HTTP: `POST /add-checkpoint`, answered with the cosignature line or the spec's status. */
const serve = (witness: Witness, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      if (request.method !== 'POST' || request.url !== '/add-checkpoint') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('POST /add-checkpoint\n');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) request.destroy();
        else chunks.push(chunk);
      });
      request.on('end', () => {
        witness.addCheckpoint(Buffer.concat(chunks).toString('utf8')).then(
          (line) => response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(line),
          (error: unknown) => {
            if (!(error instanceof WitnessError)) {
              console.error(`add-checkpoint failed: ${(error as Error).message}`);
              return response.writeHead(500).end();
            }
            console.error(`add-checkpoint refused (${error.status}): ${error.message}`);
            if (error.status === 409 && error.latestSize !== undefined) response.writeHead(409, { 'content-type': 'text/x.tlog.size' }).end(`${error.latestSize}\n`);
            else response.writeHead(error.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${error.message}\n`);
          },
        );
      });
    });
    server.once('error', reject);
    server.listen(port, () => {
      const address = server.address();
      console.error(`witness ${witness.key.name} listening on port ${typeof address === 'object' && address ? address.port : port} (POST /add-checkpoint); vkey ${witness.vkey}`);
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => resolve(0)));
  });
