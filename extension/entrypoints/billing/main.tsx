// Billing page entry: starts the account's Billing fetch from the snapshot, then boots the full Billing page in a tab.
import { prefetchBillingPage } from '../../utils/api/prefetch';
import { mountPage } from '../../utils/mount-page';
import { accountFromQuery } from '../../utils/query';
import { App } from './App';

prefetchBillingPage(accountFromQuery());
void mountPage(App, 'billing.title');
