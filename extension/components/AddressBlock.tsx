// A postal address as lines, with the country named in the chosen language.
import type { Address } from '../../shared/api-types';
import { getLocale } from '../utils/i18n';

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([getLocale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function addressLines(address: Address): string[] {
  const cityLine = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [address.line1, address.line2, cityLine, countryName(address.country)].filter(
    (line): line is string => !!line,
  );
}

export function AddressBlock({ address }: { address: Address }) {
  return (
    <>
      {addressLines(address).map((line) => (
        <div key={line}>{line}</div>
      ))}
    </>
  );
}
