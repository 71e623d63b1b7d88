// Support desk page entry: mounts the change-request queue, the case view and invoice payment (staff only).
import { mountPage } from '../../utils/mount-page';
import pageStyles from './support.css?inline';
import { App } from './App';

void mountPage(App, 'support.title', [pageStyles]);
