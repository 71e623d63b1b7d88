// Postal addresses laid out in each country's order (Google libaddressinput formats), for pages and PDFs.
import type { Address } from './schemas/common.schema';

/**
 * Each country's address template from Google's libaddressinput region data
 * (https://chromium-i18n.appspot.com/ssl-address, the `fmt` field; `lfmt`, the Latin-script form,
 * where the country has one), reduced to the fields this API stores: %A street lines (line1, line2),
 * %C city, %S region, %Z postal code, %n a line break. Name, organisation, dependent locality and
 * sorting code are left out. A template without %A starts with the street lines.
 * Countries not listed use libaddressinput's default, "%A%n%C".
 */
const FORMATS: Record<string, string> = {
  '%Z %C':
    'AD AT BA BE BG BL CY CZ DE DK DO DZ EH ET FR GE GF GL GP GR GW IS KG KW LA LR MA ME MF MG MK MQ NC NE NL NO PL PM PT PY RE RS SJ SM SN TJ TM TN TZ VA WF YT ZM',
  '%C%n%Z': 'AF AI FK GB GS IM IO KE LK NA PN SD SH SZ TC TT VG ZA',
  '%C %S %Z': 'AS AU CA CC CX FM HM MH MP NF PW UM VI',
  '%C %Z': 'BH BM BN BT GU IL JO KH LB LS MT MV NP NZ SA VC',
  '%Z %C %S': 'EE ES IT PF UY',
  '%C, %S %Z': 'BB SO US',
  '%Z %C%n%S': 'AR CL CV MY UZ',
  '%C%n%S%n%Z': 'EG IE RU UA',
  '%C%n%S': 'JM KI PA SC SR TV',
  '%C, %S': 'BS KN',
  '%Z%n%C': 'AL EC MU OM',
  '%C %Z%n%S': 'IN NG PE',
  '%C%n%S %Z': 'ID MN TH VN',
  '%C, %S%n%Z': 'HN IQ',
  '%S': 'AE NR',
  '%C': 'BF MW',
  '%Z%n%C%n%S': 'AM',
  'AX-%Z %C%nÅLAND': 'AX',
  'AZ %Z %C': 'AZ',
  '%C - %Z': 'BD',
  '%C-%S%n%Z': 'BR',
  '%Z, %C%n%S': 'BY',
  'CH-%Z %C': 'CH',
  '%A %C': 'CI',
  '%A%n%C%n%S, %Z': 'CN KP',
  '%C, %S, %Z': 'CO',
  '%S, %C%n%Z': 'CR',
  '%C %S%n%Z': 'CU',
  'FI-%Z %C': 'FI',
  'FO%Z %C': 'FO',
  '%C%nGUERNSEY%n%Z': 'GG',
  'GIBRALTAR%n%Z': 'GI',
  '%Z %A %C': 'GN',
  '%Z- %C': 'GT',
  '%A%n%C%n%S': 'HK',
  'HR-%Z %C': 'HR',
  'HT%Z %C': 'HT',
  '%C%n%A%n%Z': 'HU',
  '%S%n%C%n%A%n%Z': 'IR',
  '%C%nJERSEY%n%Z': 'JE',
  '%A, %S%n%Z': 'JP',
  '%A%n%C%n%S%n%Z': 'KR',
  '%S %Z': 'KY',
  '%Z%n%S%n%C%n%A': 'KZ',
  'FL-%Z %C': 'LI',
  'LT-%Z %C %S': 'LT',
  'L-%Z %C': 'LU',
  '%S%n%C, %Z': 'LV',
  'MC-%Z %C': 'MC',
  'MD-%Z %C': 'MD',
  '%C, %Z': 'MM',
  '%A': 'MO',
  '%Z %C, %S': 'MX',
  '%Z %C%S': 'MZ',
  '%Z%n%C, %S': 'NI',
  '%C %Z %S': 'PG',
  '%C%n%Z %S': 'PH',
  '%C-%Z': 'PK',
  '%C PR %Z': 'PR',
  '%Z %S %C': 'RO',
  'SE-%Z %C': 'SE',
  'SINGAPORE %Z': 'SG',
  'SI-%Z %C': 'SI',
  '%Z-%C%n%S': 'SV',
  '%Z %C/%S': 'TR',
  '%A%n%C, %S %Z': 'TW',
  '%C %Z, %S': 'VE',
};

const DEFAULT_FORMAT = '%C';

const BY_COUNTRY = new Map<string, string>();
for (const [format, countries] of Object.entries(FORMATS)) {
  for (const code of countries.split(' ')) BY_COUNTRY.set(code, format);
}

/**
 * The libaddressinput template for an ISO 3166-1 alpha-2 code (upper-case, as the API stores it),
 * always with its street lines (%A).
 */
export function addressTemplate(country: string): string {
  const format = BY_COUNTRY.get(country) ?? DEFAULT_FORMAT;
  return format.includes('%A') ? format : `%A%n${format}`;
}

type Token = 'A' | 'C' | 'S' | 'Z';

/**
 * One template line with its fields filled. A literal (", ", "CH-") is kept only when the field after
 * it has a value and either a field before it on the line has one too or it opens the line; a line of
 * literals only ("GUERNSEY") is kept as written. Returns '' when nothing is left.
 */
function fillLine(line: string, values: Record<Token, string>, used: Set<Token>): string {
  const parts = line.split(/(%[ACSZ])/).filter((p) => p !== '');
  if (!parts.some((p) => p.startsWith('%'))) return line;
  let out = '';
  let seenValue = false;
  parts.forEach((part, i) => {
    if (part.startsWith('%')) {
      const token = part[1] as Token;
      used.add(token);
      if (values[token]) {
        out += values[token];
        seenValue = true;
      }
      return;
    }
    const next = parts[i + 1];
    const nextHasValue = next?.startsWith('%') && !!values[next[1] as Token];
    if (nextHasValue && (seenValue || i === 0)) out += part;
  });
  return out.trim();
}

/**
 * An address as the lines a letter to that country carries, in its libaddressinput order
 * (France "75004 Paris", United States "San Francisco, CA 94105"), the country name last when given
 * (`countryName`, already in the reader's language). A value the template has no place for (a region
 * in France) is kept on a line of its own before the country rather than dropped.
 */
export function formatAddressLines(address: Address, countryName?: string): string[] {
  const street = [address.line1, address.line2].map((v) => v?.trim()).filter(Boolean).join('\n');
  const values: Record<Token, string> = {
    A: street,
    C: address.city?.trim() ?? '',
    S: address.region?.trim() ?? '',
    Z: address.postalCode?.trim() ?? '',
  };
  const used = new Set<Token>();
  const lines = addressTemplate(address.country)
    .split('%n')
    .flatMap((line) => fillLine(line, values, used).split('\n'))
    .filter(Boolean);
  const leftOver = (['C', 'S', 'Z'] as const).filter((token) => !used.has(token) && values[token]);
  if (leftOver.length) lines.push(leftOver.map((token) => values[token]).join(' '));
  if (countryName) lines.push(countryName);
  return lines;
}
