// Invoice page entry: starts the invoice fetch and the phone formatter before the first render, then mounts one invoice, paid or open, with the document styles the receipt uses.
import { loadPhoneFormatter } from '../../hooks/usePhoneDisplay';
import { prefetchInvoice } from '../../utils/api/prefetch';
import { mountPage } from '../../utils/mount-page';
import { accountFromQuery, invoiceFromQuery } from '../../utils/query';
import { App } from './App';
import pageStyles from '../../components/document/document.css?inline';

prefetchInvoice(accountFromQuery(), invoiceFromQuery());
// The bill-to shows phones as people read them: the formatter is fetched beside the page, not after it.
void loadPhoneFormatter();
void mountPage(App, 'invoice.title', [pageStyles]);
