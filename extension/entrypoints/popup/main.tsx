// Popup entry: starts the active account's Billing fetch from the snapshot, then boots the toolbar popup.
import { prefetchBillingPage } from '../../utils/api/prefetch';
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

prefetchBillingPage();
void mountPage(App, 'common.appName');
