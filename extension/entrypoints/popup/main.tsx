// Popup entry: boots the toolbar popup.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';

void mountPage(App, 'common.appName');
