// Renders one mail template into a text part and an HTML part in one language, so the two never say different things.
import type { Locale } from '../../shared/api-types';

export interface MailText {
  subject: string;
  /** text/plain part: paragraphs separated by a blank line, lines by a line break. */
  text: string;
  /** text/html part: the same paragraphs, every character of the text escaped. */
  html: string;
  /** The mail's language, sent as Content-Language (RFC 3282) and as the HTML `lang`. */
  language: Locale;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values (company names, reasons: anything a person typed). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * Builds both parts from the same paragraphs (each may hold several lines). The text is plain text,
 * never markup: the HTML part escapes all of it, so no value can add an element or an attribute.
 */
export function composeMail(language: Locale, subject: string, paragraphs: string[]): MailText {
  const text = paragraphs.join('\n\n') + '\n';
  const body = paragraphs.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`).join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body>\n${body}\n</body>`,
    '</html>',
    '',
  ].join('\n');
  return { subject, text, html, language };
}
