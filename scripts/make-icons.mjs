#!/usr/bin/env node
// node scripts/make-icons.mjs — regenerates the committed PNGs in resources/ from SVG, drawn by
// Chromium (playwright-core, Debian's /usr/bin/chromium or CHROMIUM_PATH). Nothing at build or test
// time runs this; it is here so the icons can be redrawn.
//
//   icon.png                    1024×1024 app icon, from resources/icon.svg (electron-builder derives
//                               .ico and .icns from it)
//   tray.png, tray@2x.png       16 and 32 px tray icon for Windows and Linux
//   tray-alert(@2x).png         the same with a red dot: a game in error or gone stale
//   trayTemplate(@2x).png       macOS menu-bar template (black on transparent; macOS tints it)
//
// The app icon's chart has five points and a baseline, which blur into a smudge at 16 px. The tray
// icons keep its idea (a rising line ending in a dot, same colours) with three strokes on whole pixels.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

/** The tray glyph on a 16-unit grid: a rising line and the dot it ends in. */
const trayLine = (colour) =>
  `<path d="M2.5 12.5 L6 9 L8.5 10.5 L12 5.5" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;

const tray = ({ alert }) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
  <rect x="0" y="0" width="16" height="16" rx="3.5" fill="#12151c"/>
  ${trayLine('#4fd1a5')}
  <circle cx="12.5" cy="4.5" r="2" fill="#f5c451"/>
  ${
    alert
      ? // A ring of the background colour keeps the dot apart from the line at 16 px.
        '<circle cx="12" cy="12" r="4" fill="#12151c"/><circle cx="12" cy="12" r="3" fill="#ef4444"/>'
      : ''
  }
</svg>`;

// macOS draws template images in the menu bar's own colour from their alpha: no background, one ink.
const trayTemplate = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
  ${trayLine('#000')}
  <circle cx="12.5" cy="4.5" r="2.25" fill="#000"/>
  <path d="M2 14.5 H14" stroke="#000" stroke-width="1" opacity="0.55"/>
</svg>`;

const icons = [
  { file: 'icon.png', size: 1024, svg: readFileSync(join(resources, 'icon.svg'), 'utf8') },
  ...[
    ['tray', tray({ alert: false })],
    ['tray-alert', tray({ alert: true })],
    ['trayTemplate', trayTemplate],
  ].flatMap(([name, svg]) => [
    { file: `${name}.png`, size: 16, svg },
    { file: `${name}@2x.png`, size: 32, svg },
  ]),
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, svg } of icons) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    writeFileSync(join(resources, file), await page.locator('svg').screenshot({ omitBackground: true }));
    console.log(`resources/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
