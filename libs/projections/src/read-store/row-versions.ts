import { documentOfDeltas } from '../runtime/row-deltas';
import type { LoadedRow } from './read-store.port';

/** A version of a system-versioned row as the stores read it back for the projector. */
export interface StoredVersion {
  readonly delta: string;
  readonly fromPosition: string;
  readonly recordedFrom: string;
  readonly recordedTo: string | null;
}

/** The current version of a row from its versions, oldest first: its document folded from their deltas. */
export const loadedRowOf = (versions: readonly StoredVersion[]): LoadedRow => ({
  doc: JSON.stringify(documentOfDeltas(versions.map((v) => v.delta))),
  recordedFrom: versions.at(-1)!.recordedFrom,
});

/**
 * Rows of a query that returns, for each row of a system-versioned table it selects, the deltas of
 * that row's versions up to the selected one (grouped by key, oldest first): one entry per key, in
 * the query's order, with its last row and the document folded from the deltas.
 */
export const foldedRows = <R extends { readonly key: string; readonly delta: string }>(rows: readonly R[]): { row: R; doc: unknown }[] => {
  const folded: { row: R; doc: unknown }[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start + 1;
    while (end < rows.length && rows[end].key === rows[start].key) end++;
    folded.push({ row: rows[end - 1], doc: documentOfDeltas(rows.slice(start, end).map((r) => r.delta)) });
    start = end;
  }
  return folded;
};
