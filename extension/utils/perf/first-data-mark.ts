// One performance mark per page on the first render that shows the person's data; the bench reads it (bench/browser-timings.ts).

/** The mark's name: `performance.getEntriesByName(FIRST_DATA_MARK)[0].startTime` is ms from navigation start. */
export const FIRST_DATA_MARK = 'fastpath:first-data';

/** Writes the mark once per document (later renders leave the first one alone). Costs one lookup per call. */
export function markFirstData(): void {
  if (performance.getEntriesByName(FIRST_DATA_MARK, 'mark').length === 0) performance.mark(FIRST_DATA_MARK);
}
