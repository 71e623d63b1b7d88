// Invoice page entry: starts the phone formatter before the first render, then mounts one invoice, paid or open, with the document styles the receipt uses.
import { loadPhoneFormatter } from '../../hooks/usePhoneDisplay';
import { mountPage } from '../../utils/mount-page';
import { App } from './App';
import pageStyles from '../../components/document/document.css?inline';

// The bill-to shows phones as people read them: the formatter is fetched beside the page, not after it.
void loadPhoneFormatter();
void mountPage(App, 'invoice.title', [pageStyles]);
