// The two parties of a billing document (Invoice and Receipt pages): the seller, and the bill-to snapshot the invoice keeps (R8).
import type { BillTo, Receipt } from '../../../shared/api-types';
import { AddressBlock } from '../AddressBlock';
import { PhoneText } from '../PhoneText';
import { t } from '../../utils/i18n/i18n';

export type Seller = Receipt['seller'];

export function SellerBlock({ seller }: { seller: Seller }) {
  return (
    <section class="party" aria-labelledby="seller-heading" data-testid="seller">
      <h2 id="seller-heading">{t('receipt.from')}</h2>
      <strong>{seller.name}</strong>
      <AddressBlock address={seller.address} />
      <div>{seller.email}</div>
      <div>{t('receipt.vatId', { vatId: seller.vatId })}</div>
    </section>
  );
}

/** The bill-to as it was when the invoice was issued, phone written as people there read it. */
export function BillToBlock({ billTo }: { billTo: BillTo }) {
  return (
    <section class="party" aria-labelledby="bill-to-heading" data-testid="bill-to">
      <h2 id="bill-to-heading">{t('receipt.billTo')}</h2>
      <strong>{billTo.companyName}</strong>
      <div>{billTo.contactName}</div>
      <AddressBlock address={billTo.address} />
      <div>{billTo.email}</div>
      <div><PhoneText value={billTo.phone} country={billTo.address.country} /></div>
      {billTo.vatId && <div>{t('receipt.vatId', { vatId: billTo.vatId })}</div>}
    </section>
  );
}
