// Renders the toolbar icon (extension/assets/icon.svg) to the PNG sizes stores and browsers ask for, in colour and greyed.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'extension/assets/icon.svg');
const OUT = path.join(ROOT, 'extension/public/icon');
/** Chrome Web Store and AMO need 128; toolbars use 16 and 32; the extensions page 48. */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/** The same drawing in greys, for the toolbar while nobody is signed in. */
function greyed(svg: string): string {
  const greys: Record<string, string> = { '#1d4ed8': '#6b7280', '#bfdbfe': '#e5e7eb', '#f59e0b': '#9ca3af' };
  return svg.replace(/#[0-9a-f]{6}/gi, (colour) => greys[colour.toLowerCase()] ?? colour);
}

function render(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

const svg = fs.readFileSync(SOURCE, 'utf8');
fs.mkdirSync(OUT, { recursive: true });
for (const size of ICON_SIZES) {
  fs.writeFileSync(path.join(OUT, `${size}.png`), render(svg, size));
  fs.writeFileSync(path.join(OUT, `${size}-signed-out.png`), render(greyed(svg), size));
}
console.log(`Wrote ${ICON_SIZES.length * 2} icons to ${path.relative(ROOT, OUT)}`);
