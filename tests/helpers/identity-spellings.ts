// Spellings of e-mail addresses that are one person (one identity key), and look-alikes that are not.
/** Spellings that must share one key, and spellings that must not. */
export const SAME = [
  ['ÉLODIE@acme.test', 'élodie@acme.test', 'E\u0301LODIE@ACME.TEST', 'e\u0301lodie@acme.test', '  Élodie@Acme.Test '],
  ['STRASSE@berlin.test', 'straße@berlin.test', 'STRAẞE@berlin.test', 'Strasse@Berlin.test'],
  ['ΟΔΟΣ@athens.test', 'οδος@athens.test', 'οδοσ@athens.test', 'Οδος@athens.test'],
  ['İZMİR@izmir.test', 'i\u0307zmi\u0307r@izmir.test', 'I\u0307ZMI\u0307R@izmir.test'],
  ['ǰ@a.test', 'J\u030C@a.test'],
  ['µ@a.test', 'μ@a.test', 'Μ@a.test'],
  ['ſ@a.test', 's@a.test', 'S@a.test'],
  ['ﬁ@a.test', 'fi@a.test', 'FI@a.test'],
  ['ａ@a.test', 'Ａ@a.test'],
  // IDN: a domain's Unicode (U-label) and punycode (A-label) spellings are one domain (IDNA, UTS 46).
  ['ada@bücher.test', 'ada@xn--bcher-kva.test', 'ADA@BÜCHER.TEST', 'Ada@XN--BCHER-KVA.Test', 'ada@Bücher.test'],
  ['info@例え.テスト', 'INFO@xn--r8jz45g.xn--zckzah', 'info@XN--R8JZ45G.テスト'],
  ['post@straße.test', 'POST@STRAẞE.TEST', 'post@xn--strae-oqa.test'],
];
export const DIFFERENT = [
  ['izmir@izmir.test', 'ızmır@izmir.test', 'i\u0307zmi\u0307r@izmir.test'],
  ['ａ@a.test', 'a@a.test'],
  ['x²@a.test', 'x2@a.test'],
  ['ⓐ@a.test', 'a@a.test'],
  // Two DNS names since IDNA 2008, so two mailboxes: ß and ss, ς and σ in a domain (local parts fold them).
  ['post@straße.test', 'post@strasse.test'],
  ['post@οδος.test', 'post@οδοσ.test'],
];
