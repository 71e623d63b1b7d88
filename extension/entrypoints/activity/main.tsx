// Account activity page entry: mounts the paged list of who changed what.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'activity.title');
