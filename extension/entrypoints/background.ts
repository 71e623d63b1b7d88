// Service worker: placeholder until the fastpath commands and badge land.
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {});
