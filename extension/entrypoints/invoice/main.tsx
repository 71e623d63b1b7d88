// Invoice page entry: mounts one invoice, paid or open, with the billing document stylesheet the receipt uses.
import { mountPage } from '../../utils/mount-page';
import { App } from './App';
import '../../components/document/document.css';

void mountPage(App, 'invoice.title');
