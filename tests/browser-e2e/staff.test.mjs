// The pages as the hall's staff and citizens use them, where a press could go unheard: a clerk's key pressed while the
// last command is still on its way, a kiosk tapped while the server is away. Each test in a hall of its own (added by an
// admin over gRPC), on one server and one browser for the file, as day.test.mjs does.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { launch, startPagesServer } from './browser.mjs';
import { connect } from './hall.mjs';

const newKey = (role) => `browser-staff-${role}-${randomBytes(12).toString('hex')}`;
const keys = { kiosk: newKey('kiosk'), terminal: newKey('terminal'), display: newKey('display'), admin: newKey('admin'), evaluator: newKey('evaluator') };
const devices = [
  { id: 'staff-kiosk', role: 'kiosk', halls: ['*'], key: keys.kiosk },
  { id: 'staff-terminal', role: 'terminal', halls: ['*'], window: 0, key: keys.terminal },
  { id: 'staff-display', role: 'display', halls: ['*'], key: keys.display },
  { id: 'staff-admin', role: 'admin', halls: ['*'], key: keys.admin },
  { id: 'staff-evaluator', role: 'evaluator', halls: ['*'], window: 0, key: keys.evaluator },
];

let server;
let browser;
let hall; // the gRPC side: kiosk, terminal (any window), admin
const pageErrors = [];
let halls = 0;

before(async () => {
  server = await startPagesServer(devices);
  browser = await launch();
  hall = connect(server.address, keys);
});

after(async () => {
  hall?.close();
  await browser?.close();
  await server?.stop();
  assert.deepEqual(pageErrors, []);
});

/** A small hall of its own: one category (A), `services` items (2 by default), three comprehensive windows; options:
 * name, windowNames, serviceName(i), language. */
async function newHall(options = {}) {
  const id = `staff-${++halls}`;
  const definition = {
    id, name: options.name ?? `Staff hall ${halls}`,
    categories: [{ id: 'all', prefix: 'A', name: 'All' }],
    services: Array.from({ length: options.services ?? 2 }, (_, i) => ({ id: i + 1, category: 'all', name: options.serviceName?.(i) ?? `Item ${i + 1}` })),
    windows: Array.from({ length: 3 }, (_, i) => ({ id: i + 1, name: options.windowNames?.[i] ?? `Window ${i + 1}`, comprehensive: true })),
  };
  await hall.admin('addHall', { json: JSON.stringify(definition), openDay: true, language: options.language ?? '' });
  return id;
}

/** A page in a browser context of its own (as on its own device), its errors collected. */
async function open(url, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e}`));
  await page.goto(`${server.web}${url}`);
  return page;
}

async function openTerminal(id, window) {
  const page = await open(`/terminal/${id}/${window}?key=${keys.terminal}`);
  await page.waitForFunction(() => window.queuecoreTerminal?.ready === true);
  return page;
}

/** The window in `state` and the terminal free for the next key. */
async function windowState(terminal, state) {
  await terminal.waitForSelector(`#window-state[data-state="${state}"]`, { timeout: 10_000 });
  await terminal.waitForFunction(() => !window.queuecoreTerminal.busy, undefined, { timeout: 10_000 });
}

async function press(terminal, key, state) {
  await terminal.click(key);
  await windowState(terminal, state);
}

/** Holds the page's answers to `method` ("Terminal/Finish") until the returned release() is called. */
async function holdAnswers(page, method) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(`**/queuecore.v1.${method}`, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  return () => release();
}

test('a terminal key clicked while the last command is on its way shows it must wait, and is not lost', async () => {
  const id = await newHall();
  for (let i = 0; i < 2; i++) await hall.kiosk('takeTicket', { hall: id, services: [1] });
  const terminal = await openTerminal(id, 1);
  let release;
  try {
    await press(terminal, '#open', 'IDLE');
    await press(terminal, '#call-next', 'CALLING');
    await press(terminal, '#start', 'SERVING');

    // Finish's answer is slow to come back; the window's stream shows the window idle meanwhile, and "Call next" with it.
    release = await holdAnswers(terminal, 'Terminal/Finish');
    await terminal.click('#finish');
    await terminal.waitForSelector('#window-state[data-state="IDLE"]', { timeout: 10_000 });
    assert.equal(await terminal.evaluate(() => window.queuecoreTerminal.busy), true, 'Finish is still on its way');
    const shown = await terminal.evaluate(() => ({
      callNext: document.getElementById('call-next').disabled,
      finishBusy: document.getElementById('finish').getAttribute('aria-busy'),
    }));
    assert.deepEqual(shown, { callNext: true, finishBusy: 'true' }, 'while Finish is on its way, Call next is off and Finish shows it is busy');

    // The clerk clicks "Call next" all the same: done once Finish has come back, not dropped.
    const clicked = terminal.click('#call-next', { timeout: 20_000 });
    release();
    await clicked;
    await windowState(terminal, 'CALLING');
    assert.equal(await terminal.textContent('#current .number'), 'A002');
    assert.equal(await terminal.getAttribute('#finish', 'aria-busy'), null, 'no key left marked busy');
  } finally {
    release?.();
    await terminal.context().close();
  }
});

test('a kiosk offers no Take ticket while the server is away, and offers it again by itself when it is back', async () => {
  const id = await newHall();
  const kiosk = await open(`/kiosk/${id}?key=${keys.kiosk}`, { width: 1080, height: 1920 });
  const calls = '**/queuecore.v1.Kiosk/**';
  const refuse = (route) => route.abort('connectionrefused');
  try {
    await kiosk.waitForFunction(() => window.queuecoreKiosk?.ready === true);
    await kiosk.click('#service-1');
    assert.equal(await kiosk.isDisabled('#take'), false);
    await kiosk.route(calls, refuse);
    await kiosk.waitForFunction(() => /information desk/.test(document.getElementById('error')?.textContent ?? ''), null, { timeout: 30_000 });
    assert.equal(await kiosk.isDisabled('#take'), true, 'Take ticket is offered while the page says tickets cannot be issued');

    await kiosk.unroute(calls, refuse);
    await kiosk.waitForFunction(() => !document.getElementById('take').disabled, null, { timeout: 30_000 });
    assert.equal(await kiosk.textContent('#error'), '');
    await kiosk.click('#take');
    await kiosk.waitForSelector('#ticket-number');
    assert.equal(await kiosk.textContent('#ticket-number'), 'A001');
  } finally {
    await kiosk.context().close();
  }
});

test('a kiosk of 200 items keeps Take ticket in sight once an item far down the list is chosen', async () => {
  const id = `staff-${++halls}`;
  const categories = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, prefix: String.fromCharCode(65 + i), name: `Category ${i}` }));
  const services = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, category: `c${Math.floor(i / 20)}`, name: `Service ${i + 1}` }));
  await hall.admin('addHall', { json: JSON.stringify({ id, name: 'A hall of many services', categories, services, windows: [{ id: 1, name: 'Window 1', comprehensive: true }] }), openDay: true, language: '' });
  const kiosk = await open(`/kiosk/${id}?key=${keys.kiosk}`, { width: 1080, height: 1920 });
  try {
    await kiosk.waitForFunction(() => window.queuecoreKiosk?.ready === true);
    await kiosk.click('#service-200'); // scrolled to, far below the first screen
    const take = await kiosk.evaluate(() => { const r = document.getElementById('take').getBoundingClientRect(); return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: innerHeight }; });
    assert.ok(take.top >= 0 && take.bottom <= take.height, `Take ticket is at ${take.top}..${take.bottom} of a ${take.height} px screen`);
    await kiosk.click('#take', { noWaitAfter: true });
    await kiosk.waitForSelector('#ticket-number');
    assert.equal(await kiosk.textContent('#ticket-number'), 'J001');
  } finally {
    await kiosk.context().close();
  }
});

test('long hall, window and item names stay inside their panels on the terminal and the kiosk', async () => {
  const longWord = 'Staatsangehörigkeitsfeststellungsverfahrensangelegenheiten';
  const id = await newHall({
    name: 'Department of Motor Vehicles and Civil Registration, Northern District Service Centre',
    windowNames: [1, 2, 3].map((i) => `Window ${i} – Residence permits, family reunification and naturalisation`),
    serviceName: (i) => (i === 0 ? 'Application for a residence permit (first issue, extension or change of purpose)' : longWord),
  });
  await hall.kiosk('takeTicket', { hall: id, services: [1, 2] });
  await hall.terminal('openWindow', { hall: id, window: 2 });
  const terminal = await openTerminal(id, 1);
  const kiosk = await open(`/kiosk/${id}?key=${keys.kiosk}`, { width: 1080, height: 1920 });
  // Each element that sticks out of the panel it is in (its section, its card), by name.
  const outside = (page, pairs) => page.evaluate((list) => list.flatMap(([inner, outer]) => [...document.querySelectorAll(inner)].filter((e) => {
    const box = e.closest(outer).getBoundingClientRect();
    const r = e.getBoundingClientRect();
    return r.left < box.left - 1 || r.right > box.right + 1;
  }).map((e) => `${inner}: ${e.id || e.textContent.slice(0, 30)}`)), pairs);
  try {
    await press(terminal, '#open', 'IDLE');
    await press(terminal, '#call-next', 'CALLING');
    assert.deepEqual(await outside(terminal, [['#transfer-target', 'section'], ['#current .items li', 'section']]), []);
    await kiosk.waitForFunction(() => window.queuecoreKiosk?.ready === true);
    assert.deepEqual(await outside(kiosk, [['.service .name', '.service']]), []);
    assert.ok(await kiosk.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the kiosk scrolls sideways');
  } finally {
    await terminal.context().close();
    await kiosk.context().close();
  }
});

test('an evaluator pad offers no rating keys while the server is away, and offers them again by itself when it is back', async () => {
  const id = await newHall();
  await hall.kiosk('takeTicket', { hall: id, services: [1] });
  await hall.terminal('openWindow', { hall: id, window: 1 });
  await hall.terminal('callNext', { hall: id, window: 1 });
  await hall.terminal('finishAndCallNext', { hall: id, window: 1, ticket: (await hall.terminal('getWindowInfo', { hall: id, window: 1 })).current.ticket });
  const pad = await open(`/evaluator/${id}/1?key=${keys.evaluator}`, { width: 1024, height: 768 });
  const calls = '**/queuecore.v1.Evaluator/**';
  const refuse = (route) => route.abort('connectionrefused');
  const keysOn = () => pad.evaluate(() => [...document.querySelectorAll('.rate')].filter((b) => !b.disabled).length);
  try {
    await pad.waitForFunction(() => window.queuecoreEvaluator?.ready === true);
    assert.equal(await keysOn(), 5);
    await pad.route(calls, refuse);
    await pad.waitForFunction(() => /cannot be taken/.test(document.getElementById('message')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.equal(await keysOn(), 0, 'rating keys offered while the pad says ratings cannot be taken');
    await pad.unroute(calls, refuse);
    await pad.waitForFunction(() => (document.getElementById('message')?.textContent ?? '') === '', null, { timeout: 20_000 });
    assert.equal(await keysOn(), 5);
    await pad.click('#rate-5');
    await pad.waitForSelector('#thanks');
  } finally {
    await pad.context().close();
  }
});

test('a terminal of a Chinese hall says it cannot reach the server, and that its window was removed, in Chinese only', async () => {
  const id = await newHall({ language: 'zh-CN' });
  const terminal = await openTerminal(id, 3);
  const calls = '**/queuecore.v1.Terminal/**';
  const refuse = (route) => route.abort('connectionrefused');
  const message = () => terminal.textContent('#message');
  try {
    await windowState(terminal, 'CLOSED');
    await terminal.route(calls, refuse);
    await terminal.waitForFunction(() => /无法连接服务器/.test(document.getElementById('message')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.doesNotMatch(await message(), /[A-Za-z]{2,}/, 'English on a Chinese terminal');
    assert.match(await terminal.getAttribute('#message', 'title'), /^Unknown: /, 'the status and the browser\'s words kept for support');
    await terminal.unroute(calls, refuse);
    await terminal.waitForFunction(() => !/无法连接服务器/.test(document.getElementById('message')?.textContent ?? ''), null, { timeout: 20_000 });

    await hall.admin('removeWindow', { hall: id, window: 3 });
    await terminal.waitForFunction(() => /移除/.test(document.getElementById('message')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.doesNotMatch(await message(), /[A-Za-z]{2,}/, 'English on a Chinese terminal');
    assert.match(await terminal.getAttribute('#message', 'title'), /^NotFound: .*no window 3/, 'the server\'s words kept for support');
  } finally {
    await terminal.context().close();
  }
});

test('a kiosk of 200 items finds an item by a word of its name typed in its search field, and starts afresh without it', async () => {
  const id = `staff-${++halls}`;
  const categories = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, prefix: String.fromCharCode(65 + i), name: `Category ${i}` }));
  const services = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, category: `c${Math.floor(i / 20)}`, name: i === 186 ? 'Passport renewal' : `Service ${i + 1}` }));
  await hall.admin('addHall', { json: JSON.stringify({ id, name: 'A hall of many services', categories, services, windows: [{ id: 1, name: 'Window 1', comprehensive: true }] }), openDay: true, language: '' });
  const kiosk = await open(`/kiosk/${id}?key=${keys.kiosk}`, { width: 1080, height: 1920 });
  const visible = () => kiosk.evaluate(() => [...document.querySelectorAll('.service')].filter((b) => b.checkVisibility()).map((b) => b.id));
  try {
    await kiosk.waitForFunction(() => window.queuecoreKiosk?.ready === true);
    await kiosk.fill('#search', 'passport', { timeout: 5_000 });
    assert.deepEqual(await visible(), ['service-187']);
    await kiosk.fill('#search', 'nothing like it');
    assert.deepEqual(await visible(), []);
    assert.match(await kiosk.textContent('#search-none'), /No service matches/);
    await kiosk.fill('#search', 'PASSPORT');
    await kiosk.click('#service-187');
    await kiosk.click('#take');
    await kiosk.waitForSelector('#ticket-number');
    assert.equal(await kiosk.textContent('#ticket-number'), 'J001');
    await kiosk.click('#again');
    await kiosk.waitForSelector('#take');
    assert.equal(await kiosk.inputValue('#search'), '', 'the next citizen sees every item');
    assert.equal((await visible()).length, 200);
  } finally {
    await kiosk.context().close();
  }
});

test('a terminal of a Chinese hall writes a pause\'s reason in its badge with Chinese brackets', async () => {
  const id = await newHall({ language: 'zh-CN' });
  const terminal = await openTerminal(id, 1);
  try {
    await press(terminal, '#open', 'IDLE');
    await terminal.fill('#pause-reason', '午休');
    await press(terminal, '#pause', 'PAUSED');
    assert.equal(await terminal.textContent('#window-state'), '暂停（午休）');
  } finally {
    await terminal.context().close();
  }
});

// Last in the file: it restarts the file's server.
test('after the server restarts on its journal, the terminal shows its ticket being served and the screen each call once', async () => {
  const id = await newHall();
  for (let i = 0; i < 4; i++) await hall.kiosk('takeTicket', { hall: id, services: [1] });
  const terminal = await openTerminal(id, 1);
  const screen = await open(`/screen/${id}?key=${keys.display}&voice=off`, { width: 1920, height: 1080 });
  const shown = () => screen.evaluate(() => window.queuecoreScreen.shown.map((c) => `${c.number}@${c.window}`));
  try {
    await screen.waitForFunction(() => window.queuecoreScreen?.connected === true, null, { timeout: 20_000 });
    await press(terminal, '#open', 'IDLE');
    await press(terminal, '#call-next', 'CALLING');
    await press(terminal, '#start', 'SERVING');
    await hall.terminal('openWindow', { hall: id, window: 2 });
    await hall.terminal('callNext', { hall: id, window: 2 });
    await screen.waitForFunction(() => window.queuecoreScreen.callsShown >= 2, null, { timeout: 20_000 });

    const { ports, journal } = server;
    hall.close();
    await server.stop();
    server = await startPagesServer(devices, ports, journal);
    hall = connect(server.address, keys);
    await hall.terminal('openWindow', { hall: id, window: 3 });
    await hall.terminal('callNext', { hall: id, window: 3 });
    await screen.waitForFunction(() => window.queuecoreScreen.callsShown >= 3, null, { timeout: 30_000 });
    assert.deepEqual(await shown(), ['A001@1', 'A002@2', 'A003@3'], 'every call once, in order');
    assert.deepEqual(await screen.evaluate(() => [...document.querySelectorAll('#current .call')].map((c) => c.dataset.number).sort()), ['A001', 'A002', 'A003']);

    // The terminal, back by itself, shows the ticket it serves, and its keys act on it.
    await terminal.waitForFunction(() => document.querySelector('#current .number')?.textContent === 'A001' && !document.querySelector('#message.error'), null, { timeout: 30_000 });
    await windowState(terminal, 'SERVING');
    await press(terminal, '#finish', 'IDLE');
    assert.equal((await hall.terminal('getWindowInfo', { hall: id, window: 1 })).figures.servedToday, 1);
  } finally {
    await terminal.context().close();
    await screen.context().close();
  }
});
