// Billing page entry: boots the full Billing page in a tab.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'billing.title');
