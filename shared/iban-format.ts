// An IBAN as people read and copy it: groups of four (ISO 13616-1 "print format"); the PDF and the Invoice page share it.

/** `FR7630006000011234567890189` → `FR76 3000 6000 0112 3456 7890 189` (stored electronic format in, print format out). */
export function ibanPrintFormat(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
