// Draws the installed app's icons (public/icons) from Baton's mark: node scripts/make-icons.mjs
import { Buffer } from 'node:buffer';
import sharp from 'sharp';
import fs from 'node:fs';
const mark = '<path d="M9 23V9h7.5a4 4 0 0 1 0 8H9m7.5 0a3.5 3.5 0 0 1 0 7H9" fill="none" stroke="STROKE" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>';
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f57cc"/>${mark.replace('STROKE', '#fff')}</svg>`;
// Maskable: full-bleed background, the mark inside the 80% safe zone.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1f57cc"/><g transform="translate(16 16) scale(0.62) translate(-16 -16)">${mark.replace('STROKE', '#fff')}</g></svg>`;
const apple = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1f57cc"/><g transform="translate(16 16) scale(0.8) translate(-16 -16)">${mark.replace('STROKE', '#fff')}</g></svg>`;
// Monochrome (alpha only) for the Android status-bar badge.
const badge = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${mark.replace('STROKE', '#fff')}</svg>`;
const out = 'public/icons';
fs.mkdirSync(out, { recursive: true });
const render = (svg, size, file) => sharp(Buffer.from(svg), { density: 1200 }).resize(size, size).png({ compressionLevel: 9 }).toFile(`${out}/${file}`);
for (const s of [192, 512]) { await render(any, s, `icon-${s}.png`); await render(maskable, s, `maskable-${s}.png`); }
await render(apple, 180, 'apple-touch-icon.png');
await render(badge, 96, 'badge-96.png');
await render(any, 96, 'icon-96.png');
