// Options page entry.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'options.title');
