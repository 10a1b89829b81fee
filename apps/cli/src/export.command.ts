import { writeFileSync } from 'node:fs';
import { applicationConfigFrom, openApplicationEventStore } from '@mandate-ledger/application';
import { utcDateOf } from '@mandate-ledger/domain';
import { decpDocument, mandateIdsInLog, readOpenDataSources, renderScdlSubventionsCsv, scdlSubventionRows } from '@mandate-ledger/reports';
import { parseOptions } from './options';

const USAGE = `usage: npm run cli -- export scdl-subventions --authority SIRET --year YYYY [--out FILE]
       npm run cli -- export decp --year YYYY [--out FILE]`;

type Request = { readonly format: 'scdl-subventions'; readonly authority: string; readonly year: number; readonly out?: string } | { readonly format: 'decp'; readonly year: number; readonly out?: string };

const parse = ([format, ...args]: string[]): Request => {
  if (format !== 'scdl-subventions' && format !== 'decp') throw new Error(format === undefined ? 'give scdl-subventions or decp' : `unknown export ${format}`);
  const options = parseOptions(args, format === 'decp' ? ['year', 'out'] : ['authority', 'year', 'out']);
  const year = Number(options.year);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new Error('--year must be a year such as 2017');
  if (format === 'decp') return { format, year, out: options.out };
  if (!/^\d{14}$/.test(options.authority ?? '')) throw new Error('--authority must be the 14-digit SIRET of the granting authority');
  return { format, authority: options.authority!, year, out: options.out };
};

/**
 * `npm run cli -- export`: the open-data exports the API serves at /exports, from the log itself
 * (every mandate, no read model), for whoever runs the server.
 */
export const runExport = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let request: Request;
  try {
    request = parse(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const config = applicationConfigFrom(env);
  const store = await openApplicationEventStore(config.eventStore);
  try {
    const sources = await readOpenDataSources(store, await mandateIdsInLog(store));
    const text =
      request.format === 'decp'
        ? `${JSON.stringify(decpDocument(sources, request.year, utcDateOf(new Date().toISOString())), null, 2)}\n`
        : renderScdlSubventionsCsv(scdlSubventionRows(sources, request.authority, request.year));
    if (request.out) writeFileSync(request.out, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    await store.close();
  }
};
