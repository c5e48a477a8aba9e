import { launch, startPagesServer } from './browser.mjs';
import { connect } from './hall.mjs';
const keys = { kiosk: 'walk-kiosk-0123456789abcdef', terminal: 'walk-terminal-0123456789abcdef', display: 'walk-display-0123456789abcdef', admin: 'walk-admin-0123456789abcdef' };
const devices = [
  { id: 'k', role: 'kiosk', halls: ['*'], key: keys.kiosk },
  { id: 't', role: 'terminal', halls: ['*'], window: 0, key: keys.terminal },
  { id: 'd', role: 'display', halls: ['*'], key: keys.display },
  { id: 'a', role: 'admin', halls: ['*'], key: keys.admin },
];
const server = await startPagesServer(devices);
const browser = await launch();
const hall = connect(server.address, keys);
const out = '/tmp/kiosk-walk';
const errors = [];
async function page(url, viewport = { width: 1366, height: 900 }) {
  const ctx = await browser.newContext({ viewport });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => errors.push(`${url}: ${e}`));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(`${url} console: ${m.text()}`); });
  await p.goto(`${server.web}${url}`);
  return p;
}
try {
  const H = 'city-center';
  const screen = await page(`/screen/${H}?key=${keys.display}`, { width: 1920, height: 1080 });
  const kiosk = await page(`/kiosk/${H}?key=${keys.kiosk}`, { width: 1080, height: 1920 });
  await kiosk.waitForFunction(() => window.queuecoreKiosk?.ready === true);
  await kiosk.screenshot({ path: `${out}/kiosk-0.png` });
  await kiosk.click('#service-101'); await kiosk.click('#service-201');
  await kiosk.fill('#age', '72');
  await kiosk.click('#take');
  await kiosk.waitForSelector('#ticket-number');
  await kiosk.screenshot({ path: `${out}/kiosk-1.png` });
  console.log('kiosk ticket:', await kiosk.textContent('#ticket'));
  for (let i = 0; i < 5; i++) await hall.kiosk('takeTicket', { hall: H, services: [101 + (i % 3)] });
  const term = await page(`/terminal/${H}/1?key=${keys.terminal}`);
  await term.waitForFunction(() => window.queuecoreTerminal?.ready === true);
  await term.screenshot({ path: `${out}/term-0.png` });
  await term.click('#open'); await term.waitForSelector('#window-state[data-state="IDLE"]'); await term.waitForFunction(() => !window.queuecoreTerminal.busy);
  await term.keyboard.press('Enter'); await term.waitForSelector('#window-state[data-state="CALLING"]'); await term.waitForFunction(() => !window.queuecoreTerminal.busy);
  await term.keyboard.press('s'); await term.waitForSelector('#window-state[data-state="SERVING"]'); await term.waitForFunction(() => !window.queuecoreTerminal.busy);
  await term.screenshot({ path: `${out}/term-1.png`, fullPage: true });
  console.log('terminal message:', await term.textContent('#message'), '| park-by:', await term.textContent('#park-by'));
  // Evaluate over gRPC: is there an evaluator page? (none); rate via plain gRPC later.
  await term.keyboard.press('Enter'); await term.waitForFunction(() => window.queuecoreTerminal.lastAction?.name && !window.queuecoreTerminal.busy);
  await new Promise((r) => setTimeout(r, 1500));
  await term.screenshot({ path: `${out}/term-2.png`, fullPage: true });
  console.log('terminal after Enter:', await term.textContent('#message'));
  await screen.waitForTimeout(2000);
  await screen.screenshot({ path: `${out}/screen-0.png` });
  console.log('screen text:', (await screen.textContent('body')).replace(/\s+/g, ' ').slice(0, 600));
  await kiosk.click('#again');
  await kiosk.waitForSelector('#take');
  await kiosk.screenshot({ path: `${out}/kiosk-2.png` });
  const nf = await page(`/dashboard/${H}`);
  console.log('dashboard page:', (await nf.textContent('body')).replace(/\s+/g, ' ').slice(0, 300));
  const ev = await page(`/evaluator/${H}/1`);
  console.log('evaluator page:', (await ev.textContent('body')).replace(/\s+/g, ' ').slice(0, 300));
} finally {
  console.log('errors:', errors);
  hall.close(); await browser.close(); await server.stop();
}
