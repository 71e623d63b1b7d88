// Keeps `npx wxt` (dev mode) from launching a browser on machines without a display.
import { defineWebExtConfig } from 'wxt';

export default defineWebExtConfig({ disabled: true });
