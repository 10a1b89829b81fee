import { existsSync, readFileSync } from 'node:fs';
import { auditOriginFrom, formatVerifierKey, type NoteVerifier, parseSigningKey, parseVerifierKey, signingKeyFile } from '@mandate-ledger/audit';
import { type EventStoreConfig, eventStoreConfigFrom } from '@mandate-ledger/event-store';

/**
 * Parses `--name value` pairs; names in `repeatable` may be given several times. Refuses unknown
 * options, missing values and stray arguments, so a typo never passes silently.
 */
export const parseArguments = (
  args: readonly string[],
  known: readonly string[],
  repeatable: readonly string[] = [],
): { options: Record<string, string | undefined>; lists: Record<string, string[]>; positional: string[] } => {
  const options: Record<string, string | undefined> = {};
  const lists: Record<string, string[]> = Object.fromEntries(repeatable.map((name) => [name, []]));
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) {
      positional.push(args[i]);
      continue;
    }
    const name = args[i].slice(2);
    if (!known.includes(name) && !repeatable.includes(name)) {
      throw new Error(`unknown option ${args[i]} (known: ${[...known, ...repeatable].map((k) => `--${k}`).join(', ')})`);
    }
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`option --${name} needs a value`);
    if (repeatable.includes(name)) lists[name].push(value);
    else options[name] = value;
  }
  return { options, lists, positional };
};

/**
 * The key checkpoints are verified with: `--key` (a verifier key the auditor trusts), else the
 * public half of the configured signing key (`AUDIT_SIGNING_KEY`, or the one generated in the data
 * folder). Never generates one: verifying against a new key would only say every signature is bad.
 */
export const verifierKeyFor = (env: NodeJS.ProcessEnv, config: EventStoreConfig, trusted?: string): { verifier: NoteVerifier; vkey: string } => {
  if (trusted) {
    const { name, publicKey } = parseVerifierKey(trusted.trim());
    return { verifier: { name, publicKey }, vkey: trusted.trim() };
  }
  const file = signingKeyFile(config.dataDir);
  const text = env.AUDIT_SIGNING_KEY ?? (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  if (!text) throw new Error(`no key to verify with: pass --key <vkey> (GET /audit/public-key), set AUDIT_SIGNING_KEY, or keep ${file}`);
  const name = auditOriginFrom(env);
  const privateKey = parseSigningKey(text);
  const vkey = formatVerifierKey({ name, publicKey: privateKey });
  return { verifier: { name, publicKey: parseVerifierKey(vkey).publicKey }, vkey };
};

/** The event store configuration, as the server reads it. */
export const storeConfigFrom = (env: NodeJS.ProcessEnv): EventStoreConfig => eventStoreConfigFrom(env);

/** Prints `label: n events, r events/s` on one rewritten stderr line, at most once a second, when stderr is a terminal. */
export const progressLine = (label: string): { update(done: number): void; end(): void } => {
  const start = performance.now();
  let last = 0;
  const tty = process.stderr.isTTY;
  return {
    update: (done) => {
      const now = performance.now();
      if (!tty || now - last < 1000) return;
      last = now;
      const rate = done / ((now - start) / 1000);
      process.stderr.write(`\r${label}: ${done.toLocaleString('en-US')} events, ${Math.round(rate).toLocaleString('en-US')} events/s   `);
    },
    end: () => {
      if (tty && last > 0) process.stderr.write('\n');
    },
  };
};
