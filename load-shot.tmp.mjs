import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
for (const [f, out] of [[process.argv[2], process.argv[3]]]) {
  await p.setContent(`<body style="margin:0">${readFileSync(f, 'utf8')}</body>`);
  await p.locator('svg').screenshot({ path: out });
}
await b.close();
