// Receipt page entry (placeholder until printable receipts land).
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'receipt.title');
