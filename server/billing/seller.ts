// Who issues the invoices and receipts: printed in the seller block of every receipt.
export const SELLER = {
  name: 'Fastpath Inc.',
  address: {
    line1: '100 Howard St',
    line2: null,
    city: 'San Francisco',
    region: 'CA',
    postalCode: '94105',
    country: 'US',
  },
  email: 'billing@fastpath.test',
  vatId: 'EU372000041',
};
