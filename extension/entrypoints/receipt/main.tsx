// Receipt page entry: mounts the printable receipt and its print stylesheet.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';
import '../../components/document/document.css';

void mountPage(App, 'receipt.title');
