// Subscriptions page entry (placeholder until cancel/resume lands).
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'subscriptions.title');
