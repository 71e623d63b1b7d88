// A postal address as lines in its country's order (shared/address-format.ts), the country named in the chosen language.
import type { Address } from '../../shared/api-types';
import { formatAddressLines } from '../../shared/address-format';
import { countryName } from '../utils/forms/countries';
import { getLocale } from '../utils/i18n/i18n';

export function addressLines(address: Address): string[] {
  return formatAddressLines(address, countryName(address.country, getLocale()));
}

export function AddressBlock({ address }: { address: Address }) {
  return (
    <>
      {addressLines(address).map((line, index) => (
        <div key={index}>{line}</div>
      ))}
    </>
  );
}
