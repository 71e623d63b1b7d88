// fontkit 2 ships no types; pdfkit takes its parsed font as is (server/documents/fonts.ts).
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
