// Phone numbers as people read them: the one rule the pages and the server's PDFs share (shared/phone-format.ts).
export { formatPhone } from '../../../shared/phone-format';
