// Receipt page entry: starts the receipt fetch and the phone formatter before the first render, then mounts the printable receipt.
import { loadPhoneFormatter } from '../../hooks/usePhoneDisplay';
import { prefetchReceipt } from '../../utils/api/prefetch';
import { mountPage } from '../../utils/mount-page';
import { accountFromQuery } from '../../utils/query';
import { receiptQuery } from '../../utils/receipt-query';
import { App } from './App';
import pageStyles from '../../components/document/document.css?inline';

prefetchReceipt(accountFromQuery(), receiptQuery());
// Printing waits for the phone formatter (the receipt shows phones as people read them): fetch it now.
void loadPhoneFormatter();
void mountPage(App, 'receipt.title', [pageStyles]);
