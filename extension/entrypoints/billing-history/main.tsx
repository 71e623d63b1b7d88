// Billing History page entry: mounts the paged invoice table.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'history.title');
