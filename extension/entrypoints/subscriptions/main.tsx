// Subscriptions page entry: mounts the list with cancel and resume.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'subscriptions.title');
