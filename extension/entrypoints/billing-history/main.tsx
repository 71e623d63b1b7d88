// Billing History page entry (placeholder until the invoices list lands).
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'history.title');
