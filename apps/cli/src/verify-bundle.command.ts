import { readFileSync } from 'node:fs';
// The verifier alone, not the library's index: this command loads no database driver and opens no connection.
import { type BundleSummary, verifyEvidenceBundle } from '../../../libs/audit/src/bundle-verifier';
import type { EvidenceBundle } from '../../../libs/audit/src/evidence-bundle';
import { carriesComplianceReport, verifyComplianceReport } from './verify-report';
import { parseArguments } from './verify-support';

const USAGE = 'usage: npm run cli -- verify-bundle FILE [--key VKEY]';

const summaryOf = (summary: BundleSummary): string[] => [
  `✓ ${summary.events} events of ${summary.subject.kind} ${summary.subject.id} (${summary.streams.join(', ')}) are in the log ${summary.origin}`,
  `  checkpoint: tree size ${summary.treeSize}, root ${summary.rootHash}${summary.signedAt ? `, signed at ${summary.signedAt}` : ''} by ${summary.keyId}`,
  ...(summary.keyFromBundle
    ? [`  the key was taken from the bundle: compare ${summary.keyId} with the key the log's operator publishes, or pass --key`]
    : ['  signed by the trusted key given with --key']),
];

/**
 * `npm run cli -- verify-bundle FILE`: checks an evidence bundle with no database and no network:
 * the checkpoint's signature, then each event's leaf and inclusion proof. Exits 1 naming the
 * first failing event. A compliance report's bundle is then recomputed from its events: exits 1
 * naming every figure that differs.
 */
export const runVerifyBundle = async (args: string[]): Promise<number> => {
  let file: string;
  let key: string | undefined;
  try {
    const { options, positional } = parseArguments(args, ['key']);
    if (positional.length !== 1) throw new Error('give exactly one bundle file');
    [file] = positional;
    key = options.key;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`✗ ${file} is not a readable JSON file: ${(error as Error).message}`);
    return 1;
  }
  const result = verifyEvidenceBundle(bundle, { trustedKey: key });
  if (!result.ok) {
    console.error(`✗ ${result.failure.kind}: ${result.failure.detail}`);
    return 1;
  }
  for (const line of summaryOf(result.summary)) console.log(line);
  const proven = bundle as EvidenceBundle;
  if (!carriesComplianceReport(proven)) return 0;
  const report = verifyComplianceReport(proven);
  if (!report.ok) {
    console.error(`✗ ${report.kind}: the compliance report does not follow from its events`);
    for (const difference of report.differences) console.error(`  ${difference}`);
    return 1;
  }
  console.log(`✓ the compliance report's figures (${report.obligations} obligations, ${report.mandates} linked mandates) follow from its ${report.events} events`);
  return 0;
};
