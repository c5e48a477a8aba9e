// The hall manager's dashboard, /dashboard/{hall}: the hall's figures live from Dashboard.WatchFigures (waiting per
// service and class, the longest wait, windows open, busy and paused, served today and the average rating, each window's
// state and queue) with the alerts open now on top. Logs in with a dashboard or admin key as the other pages do; names
// classes, items and windows as the hall does (Dashboard.GetSnapshot), in the hall's language. A dropped stream is
// opened again by itself (saying it is reconnecting): the new stream's first update is the hall as it is then, its open
// alerts replacing those shown, so nothing is shown twice and nothing closed meanwhile stays.
import { Code, ConnectError } from '@connectrpc/connect';
import { Dashboard, type Alert, type HallFigures, type HallSnapshot } from '../gen/queuecore/v1/dashboard_pb';
import { WindowState } from '../gen/queuecore/v1/common_pb';
import { askForKey, describe, Device, h, isCredentialError, markStatus, routeParts } from '../shared/device';
import { namesMore, scriptOf } from '../shared/language';
import { languageBeforeLogin, loginTexts, rememberLanguage } from '../shared/login';
import { dashboardTexts } from './texts';

const [hall = ''] = routeParts();
const device = new Device('dashboard', hall);
const client = device.client(Dashboard);
const root = document.getElementById('app')!;
// Short: after a silent drop the browser's idle connection to the server may be dead too, and the snapshot waits on it.
const unary = { timeoutMs: 8_000 };

/** For tests and diagnostics (window.queuecoreDashboard). */
const state = {
  hall,
  info: null as HallSnapshot | null, // names, language, time zone
  figures: null as HallFigures | null,
  alerts: new Map<string, Alert>(), // open, by identity (kind, service, window, ticket)
  connected: false,
  reconnects: 0,
  updates: 0,
  error: '',
  cause: null as unknown,
};
(window as unknown as { queuecoreDashboard: typeof state }).queuecoreDashboard = state;

const language = () => state.info?.language || languageBeforeLogin(device.storageName);
const t = () => dashboardTexts[scriptOf(language())];

/** An alert's identity, as HallFigures.closed_alerts names it. */
const identity = (a: Alert) => `${a.kind}/${a.service}/${a.window}/${a.ticket}`;

/** Takes one update of the stream: the first replaces the open alerts shown, the others add and close. */
function apply(figures: HallFigures, first: boolean): void {
  if (first) {
    state.alerts.clear();
    for (const a of figures.openAlerts) state.alerts.set(identity(a), a);
  }
  for (const a of figures.alerts) state.alerts.set(identity(a), a);
  for (const a of figures.closedAlerts) state.alerts.delete(identity(a));
  state.figures = figures;
  state.updates++;
  render();
}

/** A wait in the hall's language ("4 min", "4分钟"), from a protobuf Duration's seconds: the shared one wrote English only. */
function minutes(seconds: bigint | undefined): string {
  const total = Math.round(Number(seconds ?? 0n) / 60);
  return t().duration(Math.floor(total / 60), total % 60);
}

const serviceName = (id: number) => state.figures?.services.find((s) => s.service === id)?.name || `#${id}`;
const className = (id: string) => state.info?.classNames[id] || id;

function windowName(id: number): string {
  const name = state.figures?.windows.find((w) => w.window === id)?.name ?? '';
  return t().windowNamed(id, namesMore(id, name) ? name.trim() : '');
}

/** The time an alert began, in hall time ("09:42"). */
function clock(seconds: bigint | undefined): string {
  if (!seconds) return '';
  const zone = state.info?.timeZone;
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try { return new Intl.DateTimeFormat('en', zone ? { ...options, timeZone: zone } : options).format(new Date(Number(seconds) * 1000)); } catch { return ''; }
}

function tile(id: string, label: string, value: string, extra = ''): HTMLElement {
  return h('div', { class: `tile ${extra}`, id }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}

function render(): void {
  const words = t();
  document.documentElement.lang = language();
  const info = state.info;
  document.title = `${words.title} · ${info?.hallName || hall}`;
  const status = h('span', { class: `status ${state.connected ? 'live' : 'down'}`, id: 'status' },
    state.connected ? words.live : state.reconnects > 0 ? words.reconnecting : words.connecting);
  if (state.error && !state.connected) markStatus(status, state.cause);
  const header = h('header', {}, h('h1', {}, `${words.title} · `, h('span', { id: 'hall-name' }, info?.hallName || hall)), status);
  // Cut off after a drop: said where the manager reads, not only by the corner's "Reconnecting…", as the figures below stay
  // as they were last told and would read as the hall's now.
  const offline = !state.connected && state.reconnects > 0 ? h('p', { class: 'error', id: 'offline', role: 'alert' }, words.cannotReach) : null;
  if (offline && state.cause != null) markStatus(offline, state.cause);
  const f = state.figures;
  if (!f) { root.replaceChildren(header, offline ?? h('p', { class: 'hint' }, words.connecting)); return; }

  const alerts = [...state.alerts.values()];
  const alertList = h('section', { class: `alerts ${alerts.length ? 'raised' : ''}`, id: 'alerts', 'aria-live': 'assertive' },
    h('h2', {}, `${words.alerts} (${alerts.length})`),
    alerts.length === 0 ? h('p', { class: 'hint' }, words.noAlerts)
      : h('ul', {}, ...alerts.map((a) => h('li', { class: 'alert', 'data-kind': String(a.kind), title: a.text },
        h('span', { class: 'when' }, clock(a.time?.seconds)), ' ', words.alert(a, serviceName(a.service), windowName(a.window))))));

  const tiles = h('section', { class: 'tiles' },
    tile('waiting', words.waiting, String(f.totalWaiting)),
    tile('longest-wait', words.longestWait, minutes(f.longestWait?.seconds)),
    // The day's mean wait over every call, as the windows' figures count it: the longest wait says only who waits now.
    tile('mean-wait', words.meanWait, minutes(f.meanWait?.seconds)),
    tile('windows', words.windows, words.windowsLine(f.windowsOpen, f.windowsBusy, f.windowsPaused)),
    tile('served', words.served, String(f.servedToday)),
    tile('rating', words.rating, words.ratingLine(f.averageRating, f.ratingsToday)));

  const services = h('table', { id: 'services' },
    h('caption', {}, words.services),
    h('thead', {}, h('tr', {}, h('th', {}, words.service), h('th', {}, words.waiting), h('th', {}, words.inLine), h('th', {}, words.longestWait), h('th', {}, words.byClass))),
    h('tbody', {}, ...f.services.map((s) => h('tr', { 'data-service': String(s.service) },
      h('td', {}, s.name || `#${s.service}`),
      h('td', { class: 'num waiting' }, String(s.waiting)),
      h('td', { class: 'num' }, String(s.inLine)),
      h('td', { class: 'num' }, s.waiting ? minutes(s.longestWait?.seconds) : words.none),
      h('td', { class: 'classes' }, Object.entries(s.waitingByClass).map(([c, n]) => `${className(c)} ${n}`).join(' · ') || words.none)))));

  const windows = h('table', { id: 'windows-table' },
    h('caption', {}, words.windows),
    h('thead', {}, h('tr', {}, h('th', {}, words.window), h('th', {}, ''), h('th', {}, words.ticket), h('th', {}, words.clerk), h('th', {}, words.queue), h('th', {}, words.served), h('th', {}, words.rating))),
    h('tbody', {}, ...f.windows.map((w) => h('tr', { 'data-window': String(w.window), 'data-state': String(w.state), class: w.state === WindowState.PAUSED ? 'paused' : '' },
      h('td', {}, namesMore(w.window, w.name) ? `${w.window} · ${w.name.trim()}` : String(w.window)),
      h('td', { class: 'state' }, words.state(w.state) + (w.state === WindowState.PAUSED && w.pauseReason ? ` (${w.pauseReason})` : '')),
      h('td', { class: 'current' }, w.currentNumber || words.none),
      h('td', { class: 'num' }, w.clerk ? String(w.clerk) : words.none),
      h('td', { class: 'num' }, String(w.queueLength)),
      h('td', { class: 'num' }, String(w.servedToday)),
      h('td', { class: 'num' }, w.ratings ? w.meanRating.toFixed(1) : words.none)))));

  root.replaceChildren(header, ...(offline ? [offline] : []), ...(f.dayOpen ? [] : [h('p', { class: 'hint', id: 'day' }, words.dayClosed)]), alertList, tiles, h('div', { class: 'tables' }, services, windows));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

// A connection that died without a word (a switch rebooted, a NAT forgot it) looks like a quiet hall: after this long
// without an update the dashboard opens its stream again, which costs the server one snapshot (as the screen does).
const silenceMs = 45_000;
let lastHeard = performance.now();
let stream = new AbortController();
window.setInterval(() => {
  if (state.connected && performance.now() - lastHeard > silenceMs) {
    lastHeard = performance.now();
    stream.abort();
  }
}, 5_000);

/** Logs in, reads the hall's names, then follows its figures, opening the stream again whenever it drops. */
async function run(): Promise<void> {
  let backoff = 250;
  for (;;) {
    if (!device.hasKey) {
      device.setKey(await askForKey(root, t().login, state.error, state.cause, loginTexts[scriptOf(language())]));
      state.error = '';
      state.cause = null;
    }
    stream = new AbortController();
    try {
      state.info = await client.getSnapshot({ hall }, unary);
      if (state.info.language) rememberLanguage(device.storageName, state.info.language);
      let first = true;
      lastHeard = performance.now();
      for await (const figures of client.watchFigures({ hall }, { signal: stream.signal })) {
        lastHeard = performance.now();
        if (first) { state.connected = true; state.error = ''; state.cause = null; backoff = 250; }
        apply(figures, first);
        first = false;
      }
      state.error = 'The stream ended.';
      state.cause = null;
    } catch (error) {
      state.error = describe(error);
      state.cause = error;
      if (isCredentialError(error)) {
        device.forget();
        state.connected = false;
        state.figures = null;
        continue; // ask again, saying why
      }
      const code = ConnectError.from(error).code;
      if (code === Code.NotFound || code === Code.InvalidArgument) {
        // No such hall (or it was removed): nothing of what was shown holds any more.
        state.connected = false;
        state.figures = null;
        state.alerts.clear();
        const shown = h('p', { class: 'error', id: 'message', role: 'alert' }, describe(error));
        markStatus(shown, error);
        root.replaceChildren(shown);
        await sleep(30_000);
        continue;
      }
    }
    if (stream.signal.aborted) continue; // dropped by the dashboard itself (silence): opened again at once, nothing shown
    state.connected = false;
    state.reconnects++;
    render();
    await sleep(backoff);
    backoff = Math.min(backoff * 2, 5000);
  }
}

void run();
