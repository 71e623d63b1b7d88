// `npm start`'s first step: exit 0 when the extension and the server bundles are current, so that nothing is compiled
// (tsx alone costs ~0.6 s of CPU); 1 when `scripts/build.ts --if-changed` must run.
import { extensionCurrent, serverCurrent } from './build-stamps.mjs';

process.exit(extensionCurrent() && serverCurrent() ? 0 : 1);
