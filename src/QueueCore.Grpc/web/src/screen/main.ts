// The call screen, /screen/{hall}: the hall's display stream over gRPC-Web. Current calls large (ticket -> window),
// the last calls, waiting counts per category; a new call flashes and is spoken. Reconnects by itself, resuming after the last
// sequence number it saw, with the timeline of the snapshot that number counts from; the server sends a snapshot when its
// history no longer reaches back, or when the number is of another timeline (a restart without a journal, a hall added again).
//
// Query parameters: key (the display key, once; then kept in localStorage), windows=5,6 (only these windows: a
// window-top screen), voice=off (no speech).
import { Code, ConnectError } from '@connectrpc/connect';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { Display, type Call, type DisplayUpdate, type WaitingCount } from '../gen/queuecore/v1/display_pb';
import { askForKey, describe, Device, h, isCredentialError, markStatus, routeParts } from '../shared/device';
import { scriptOf } from '../shared/language';
import { languageBeforeLogin, loginTexts, rememberLanguage } from '../shared/login';
import { Announcer } from './announcer';

const [hall = ''] = routeParts();
const params = new URLSearchParams(location.search);
const windowsParam = params.get('windows') ?? '';
const windows = windowsParam.split(',').filter((w) => w.trim() !== '').map(Number);
// A typo in ?windows= must not quietly show every window (or none): the screen says what it expected instead.
const badWindows = windows.some((n) => !Number.isInteger(n) || n <= 0);
const device = new Device('screen', hall);
const announcer = new Announcer(params.get('voice') !== 'off');
const recentCount = 6;
const snapshotRecentCalls = recentCount; // the server lists each ticket once (its latest call), as this screen does
const flashMs = 8000;

// windowOf: a window in the last calls, as the hall's language says it ("Window 1", "1号窗口"; "窗口 1" read as English).
const labels = {
  en: { windowOf: (n: number) => `Window ${n}`, login: 'Call screen', now: 'Now calling', window: 'Window', recent: 'Last calls', waiting: 'Waiting', nobody: 'No call yet', idle: 'No call at the moment', connecting: 'Connecting…', reconnecting: 'Reconnecting…', live: 'Live', failed: 'Not shown', voice: 'Click to turn the voice on', again: 'Called again: ' },
  zh: { windowOf: (n: number) => `${n}号窗口`, login: '叫号屏', now: '正在呼叫', window: '窗口', recent: '最近呼叫', waiting: '等候人数', nobody: '尚无呼叫', idle: '暂无呼叫', connecting: '正在连接…', reconnecting: '正在重新连接…', live: '在线', failed: '无法显示', voice: '点击开启语音播报', again: '再次呼叫：' },
  zhHant: { windowOf: (n: number) => `${n}號窗口`, login: '叫號屏', now: '正在呼叫', window: '窗口', recent: '最近呼叫', waiting: '等候人數', nobody: '尚無呼叫', idle: '暫無呼叫', connecting: '正在連接…', reconnecting: '正在重新連接…', live: '在線', failed: '無法顯示', voice: '點擊開啟語音播報', again: '再次呼叫：' },
};


interface ShownCall { sequence: bigint; number: string; window: number; recall: boolean; shownAt: number }

/** What the screen shows, and a bounded record of it for tests and diagnostics (window.queuecoreScreen). */
const state = {
  hall,
  hallName: hall,
  language: languageBeforeLogin(device.storageName), // the hall's once a snapshot says it; until then the login form's
  timeZone: '', // the hall's (IANA id), for the calls' times; '' for the screen's own
  lastSequence: 0n,
  // The run of sequence numbers lastSequence belongs to (the last snapshot's), sent back on every resume: a number from
  // before a restart without a journal, or from a hall removed and added again, would otherwise be taken for the new
  // hall's, and the screen would miss its calls and keep showing the old ones.
  timeline: '',
  connected: false,
  status: 'connecting',
  error: '', // the server's sentence, shown as it is
  cause: null as unknown, // the error behind it, whose status is kept for support (data-status, title)
  current: new Map<number, Call>(),
  recent: [] as Call[],
  waiting: [] as WaitingCount[],
  flashUntil: new Map<number, number>(),
  snapshots: 0,
  reconnects: 0,
  callsShown: 0,
  shown: [] as ShownCall[], // the last 200 calls shown (sequence, number, window, when)
  spoken: announcer.spoken,
};
(window as unknown as { queuecoreScreen: typeof state }).queuecoreScreen = state;

const root = document.getElementById('app')!;
let flashTimer: number | undefined;
const text = () => labels[scriptOf(state.language)];

function apply(update: DisplayUpdate): void {
  switch (update.update.case) {
    case 'snapshot': {
      const s = update.update.value;
      state.snapshots++;
      state.hallName = s.hallName || hall;
      state.language = s.language || 'en';
      if (s.language) rememberLanguage(device.storageName, s.language); // the next login form's
      state.timeZone = knownZone(s.timeZone);
      state.current = new Map(s.current.map((c) => [c.window, c]));
      state.recent = latestPerTicket(s.recentCalls);
      state.waiting = s.waiting;
      state.flashUntil.clear();
      state.lastSequence = update.sequence; // a snapshot replaces everything, whatever its sequence (a restarted server starts again)
      state.timeline = s.timeline;
      break;
    }
    case 'call': {
      if (update.sequence <= state.lastSequence) return; // already shown (a resumed stream never repeats; this is a guard)
      const call = update.update.value;
      state.lastSequence = update.sequence;
      state.current.set(call.window, call);
      state.recent = latestPerTicket([call, ...state.recent]);
      state.flashUntil.set(call.window, performance.now() + flashMs);
      state.callsShown++;
      state.shown.push({ sequence: call.sequence, number: call.number, window: call.window, recall: call.recall, shownAt: performance.timeOrigin + performance.now() });
      if (state.shown.length > 200) state.shown.shift();
      if (catchingUp) missed.push(call);
      else announcer.say({ text: call.speech || call.text, language: call.language || state.language });
      window.clearTimeout(flashTimer); // one timer, however many calls come: the flashes end with the latest one's
      flashTimer = window.setTimeout(render, flashMs + 50);
      break;
    }
    case 'cleared': {
      const cleared = update.update.value;
      if (update.sequence > state.lastSequence) state.lastSequence = update.sequence;
      if (state.current.get(cleared.window)?.ticket === cleared.ticket) state.current.delete(cleared.window);
      break;
    }
    case 'waiting':
      // Counts may carry the sequence of the event before them and come again on resume: they replace, so that is harmless.
      if (update.sequence > state.lastSequence) state.lastSequence = update.sequence;
      state.waiting = update.update.value.services;
      break;
  }
  render();
}

/** The hall's time zone when this browser knows it, else '' (the screen's own): a screen PC left on another zone showed the calls' times hours off. */
function knownZone(zone: string): string {
  try { return zone && new Intl.DateTimeFormat('en', { timeZone: zone }) ? zone : ''; } catch { return ''; }
}

/**
 * The last calls, one line per ticket (its latest call): a recall, or a ticket called again at another window after a
 * transfer, moves its line to the top instead of adding another, which would push other citizens' calls off the list.
 */
function latestPerTicket(calls: Call[]): Call[] {
  const seen = new Set<bigint>();
  const latest: Call[] = [];
  for (const call of calls) { // most recent first
    if (seen.has(call.ticket)) continue;
    seen.add(call.ticket);
    latest.push(call);
    if (latest.length === recentCount) break;
  }
  return latest;
}

function render(): void {
  // The login form stays until a key is given: the end of a call's flash (a timer) drew the calls over it, and the screen
  // then showed them as if live, waiting for ever for a key nobody could type.
  if (document.getElementById('login')) return;
  const t = text();
  const now = performance.now();
  document.documentElement.lang = state.language;
  const current = [...state.current.values()].sort((a, b) => Number(b.sequence - a.sequence));
  // A screen that cannot show this hall (no such hall, removed, a ?windows= window it does not have) says why where the
  // calls would be, large: along the bottom edge, beside "Connecting…" and "No call yet", it read as a screen waiting
  // for its first call.
  const failed = state.status === 'failed';
  const cards = failed
    ? [supported(h('p', { class: 'error failed', id: 'error', role: 'alert' }, state.error))]
    : current.length === 0
    // "No call yet" beside the last calls read as if nobody had been called today: it is said only before the day's
    // first call (a new day's snapshot empties the last calls).
    ? [h('div', { class: 'empty' }, state.recent.length > 0 ? t.idle : t.nobody)]
    : current.map((c) => h('div', {
      class: `call${(state.flashUntil.get(c.window) ?? 0) > now ? ' flash' : ''}`,
      'data-number': c.number, 'data-window': String(c.window), 'data-sequence': String(c.sequence),
      'data-recall': c.recall ? 'true' : undefined,
    },
    h('span', { class: 'number' }, c.number),
    h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
    h('span', { class: 'window' }, h('small', {}, t.window), String(c.window)),
    // The server's line, naming the window by its name too when the voice does (CallText.NamesWindow): the page had a
    // rule of its own, and wrote "Comprehensive 1" over window 1 that the voice did not say.
    // A recall says so: the citizen who missed the first call sees the window calling them again, not a new call.
    h('span', { class: 'line' }, ...(c.recall ? [h('strong', { class: 'recall' }, t.again)] : []), c.text)));

  const recent = state.recent.map((c) => h('li', { 'data-number': c.number },
    h('span', { class: 'number' }, c.number), h('span', { class: 'window' }, t.windowOf(c.window)),
    h('time', {}, c.time ? new Date(timestampMs(c.time)).toLocaleTimeString(state.language, { hour: '2-digit', minute: '2-digit', timeZone: state.timeZone || undefined }) : '')));
  const waiting = byCategory(state.waiting).map((c) => h('li', { 'data-category': c.category },
    h('span', { class: 'prefix' }, c.prefix), h('span', { class: 'name' }, c.name), h('span', { class: 'count' }, String(c.waiting))));

  const statusText = state.connected ? t.live : failed ? t.failed : state.reconnects > 0 ? t.reconnecting : t.connecting;
  root.replaceChildren(
    h('header', {},
      h('h1', {}, state.hallName),
      h('span', { class: `status ${state.connected ? 'live' : 'down'}`, id: 'status', 'data-status': state.status, title: state.error }, statusText),
      announcer.enabled && !navigator.userActivation?.hasBeenActive
        ? h('button', { class: 'voice', id: 'voice', type: 'button' }, t.voice) : ''),
    h('main', { class: windows.length > 0 ? 'windows-only' : '' },
      h('section', { class: 'current', id: 'current', 'aria-live': 'assertive', 'aria-label': t.now }, h('h2', {}, t.now),
        ...cards.slice(0, 1), ...(cards.length > 1 ? [h('div', { class: 'others' }, ...cards.slice(1))] : [])),
      h('aside', {},
        h('section', { class: 'recent' }, h('h2', {}, t.recent), h('ol', { id: 'recent' }, ...recent)),
        h('section', { class: 'waiting' }, h('h2', {}, t.waiting, ' ', h('span', { class: 'page', id: 'waiting-page' })), h('ul', { id: 'waiting' }, ...waiting)))));
  fit();
}

/** The element showing the screen's error, its status kept for support (data-status; in the title with the server's words). */
function supported(element: HTMLElement): HTMLElement {
  markStatus(element, state.cause);
  return element;
}

/** One line of the waiting list: a category, the tickets waiting for all its items. */
interface CategoryWaiting { category: string; name: string; prefix: string; waiting: number }

/**
 * The waiting counts one line per category, by prefix: citizens know their ticket by its prefix, not by the item they
 * chose, and a hall of many items listed one line each was cut off after about ten. A count without a category (a
 * server older than the category fields) keeps a line of its own, under the item's name.
 */
function byCategory(counts: readonly WaitingCount[]): CategoryWaiting[] {
  const lines = new Map<string, CategoryWaiting>();
  for (const w of counts) {
    const key = w.category ? `c:${w.category}` : `s:${w.service}`;
    const line = lines.get(key);
    if (line) line.waiting += w.waiting;
    else lines.set(key, { category: w.category, name: w.category ? w.categoryName || w.category : w.name, prefix: w.prefix, waiting: w.waiting });
  }
  return [...lines.values()].sort((a, b) => a.prefix.localeCompare(b.prefix) || a.name.localeCompare(b.name));
}

/**
 * Every window's current call must be on the screen: a citizen called to window 1 while eleven other windows call
 * has nowhere else to look. The calls after the newest go into more and smaller columns until they all fit.
 */
function fit(): void {
  paginate();
  const current = document.getElementById('current');
  if (!current) return;
  for (let level = 0; level <= maxFitLevel; level++) {
    current.dataset.fit = String(level);
    narrow(current);
    if (current.scrollHeight <= current.clientHeight + 1) return;
  }
}

/**
 * Shrinks each call whose number and window are wider than its card: on a 320x240 screen over a window, "A0001 → 1"
 * at the size the height allows put the window past the right edge, and the citizen saw a number and an arrow to
 * nowhere. The card's type scales as a whole (its parts are sized in em), so the window stays as large as the number.
 */
function narrow(current: HTMLElement): void {
  for (const card of current.querySelectorAll<HTMLElement>('.call')) {
    card.style.fontSize = '';
    // Borders and padding do not scale with the type: a second or third step takes up what the first left over.
    for (let step = 0; step < 3 && card.scrollWidth > card.clientWidth + 1; step++) {
      const scale = parseFloat(card.style.fontSize || '1') * (card.clientWidth / card.scrollWidth) * 0.98;
      card.style.fontSize = `${scale.toFixed(3)}em`;
    }
  }
}
const maxFitLevel = 5;
window.addEventListener('resize', () => fit());

/**
 * The waiting list in pages when it is longer than its box: a hall of twenty categories showed the first ten or so and
 * cut the rest off, and a citizen holding an R ticket never saw its count. Smaller type or columns would be unreadable
 * across a hall, so the rows keep their size and the pages turn every few seconds ("2/3" beside the title). Page breaks
 * come from the rows' own heights (a long name wraps to a second line rather than being cut).
 */
let waitingPage = 0;
const waitingPageMs = 8000;
function paginate(): void {
  const list = document.getElementById('waiting');
  const box = list?.closest('section');
  const indicator = document.getElementById('waiting-page');
  if (!list || !box || !indicator) return;
  const rows = [...list.children] as HTMLElement[];
  for (const row of rows) row.hidden = false;
  indicator.textContent = '';
  if (rows.length === 0 || rows[rows.length - 1]!.getBoundingClientRect().bottom <= box.getBoundingClientRect().bottom + 1) return;
  const room = box.getBoundingClientRect().bottom - rows[0]!.getBoundingClientRect().top;
  let page = 0;
  let used = 0;
  const pageOf = rows.map((row) => {
    const height = row.getBoundingClientRect().height;
    if (used > 0 && used + height > room + 1) { page++; used = 0; }
    used += height;
    return page;
  });
  const pages = page + 1;
  waitingPage %= pages;
  rows.forEach((row, i) => { row.hidden = pageOf[i] !== waitingPage; });
  indicator.textContent = `${waitingPage + 1}/${pages}`;
}
window.setInterval(() => {
  if (!document.getElementById('waiting-page')?.textContent) return; // one page: nothing turns
  waitingPage++;
  paginate();
}, waitingPageMs);

// A screen that comes back after a drop gets the calls it missed in one burst, with what happened to them since: a
// call recalled, a citizen marked no-show, a window closed. It shows them all, but speaks only the calls still on
// screen when the burst is over: sending a citizen to a window that has since moved on (or twice to the same one) is
// worse than silence. Live calls are spoken as they come, one after another.
let catchingUp = false;
let recycled = false;
let missed: Call[] = [];
let caughtUp: number | undefined;
const catchUpQuietMs = 300;

/** Until the stream answers; then the burst ends once no update came for a moment. */
function startCatchUp(): void {
  catchingUp = true;
  window.clearTimeout(caughtUp);
}

function noteCatchUp(): void {
  window.clearTimeout(caughtUp);
  caughtUp = window.setTimeout(endCatchUp, catchUpQuietMs);
}

function endCatchUp(): void {
  catchingUp = false;
  const calls = missed;
  missed = [];
  for (const call of calls) {
    if (state.current.get(call.window)?.sequence !== call.sequence) continue; // recalled, finished, gone since
    announcer.say({ text: call.speech || call.text, language: call.language || state.language });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { window.clearTimeout(timer); resolve(); }, { once: true });
  });
}

let wake = new AbortController(); // aborted to cut a backoff short (the network came back)
let stream = new AbortController(); // aborted to drop a stream that may be dead (the network went away)
let resuming = false; // the next stream follows a drop
window.addEventListener('online', () => { stream.abort(); wake.abort(); });

// connect-web (2.3) races every read of a stream against the call's abort promise, which stays pending as long as
// the stream lives: each update leaves a few hundred bytes behind until the call ends. A screen runs for weeks, so
// it ends its stream every so often and resumes after the last sequence it saw (nothing missed, nothing twice, no
// snapshot, nothing shown), which lets all of that go.
const recycleAfterUpdates = Number(params.get('recycle')) || 1000; // ?recycle=N: sooner (the tests use it)
const recycleAfterMs = 30 * 60_000;

// A connection that died without a word (a switch rebooted, a NAT forgot it) looks like a quiet hall. After this
// long without an update the screen reconnects anyway: resuming costs the server nothing when nothing was missed.
const silenceMs = 45_000;
let lastHeard = performance.now();
window.setInterval(() => {
  if (state.connected && performance.now() - lastHeard > silenceMs) {
    lastHeard = performance.now();
    stream.abort();
  }
}, 5_000);

async function run(): Promise<void> {
  const client = device.client(Display);
  let backoff = 250;
  for (;;) {
    if (!device.hasKey) {
      device.setKey(await askForKey(root, text().login, state.error, state.cause, loginTexts[scriptOf(state.language)]));
      document.getElementById('login')?.remove();
      render();
    }
    stream = new AbortController();
    try {
      state.status = 'connecting';
      const live = () => {
        lastHeard = performance.now();
        if (catchingUp) noteCatchUp();
        if (state.connected) return;
        state.connected = true;
        state.status = 'live';
        state.error = '';
        state.cause = null;
        backoff = 250;
        render();
      };
      // The server sends its headers at once when the screen resumes with nothing missed: live from then on.
      if (resuming && state.lastSequence > 0n) startCatchUp(); // what was missed comes first, at once
      resuming = false;
      const updates = client.watch({ hall, windows, afterSequence: state.lastSequence, timeline: state.timeline, recentCalls: snapshotRecentCalls }, { signal: stream.signal, onHeader: live });
      lastHeard = performance.now();
      const opened = performance.now();
      let count = 0;
      recycled = false;
      for await (const update of updates) {
        live();
        apply(update);
        if (++count >= recycleAfterUpdates || performance.now() - opened > recycleAfterMs) {
          recycled = true;
          stream.abort(); // resumed at once below, after the last sequence applied
          break;
        }
      }
      if (!stream.signal.aborted) { state.error = 'The stream ended.'; state.cause = null; }
    } catch (error) {
      state.error = describe(error);
      state.cause = error;
      if (isCredentialError(error)) {
        device.forget();
        state.connected = false;
        continue; // ask again
      }
      if (ConnectError.from(error).code === Code.InvalidArgument || ConnectError.from(error).code === Code.NotFound) {
        // The hall was removed, or the window of a ?windows= screen (or the address names none): what the screen showed
        // is no longer called. A citizen reading the last call beside the error would walk to a window that no longer
        // calls anyone.
        state.current.clear();
        state.recent = [];
        state.waiting = [];
        state.flashUntil.clear();
        state.lastSequence = 0n; // a hall added again under the same id numbers its events anew: start from its snapshot
        state.timeline = '';
        state.connected = false;
        state.status = 'failed';
        render();
        await sleep(30_000);
      }
    }
    state.reconnects++;
    resuming = !recycled; // not the screen's own recycling: it may have missed calls
    // Dropped by the screen itself (online again, or silence): reconnect at once, showing nothing unless that fails.
    // Not shown (waited 30 s already): the error stays on screen until a stream answers.
    if (!stream.signal.aborted && state.status !== 'failed') {
      state.connected = false;
      state.status = 'reconnecting';
      render();
      wake = new AbortController();
      await sleep(backoff, wake.signal);
      backoff = Math.min(backoff * 2, 5000);
    }
  }
}

// A click lets speech play (autoplay policy): render again to drop the "turn the voice on" button. Not a click on the
// login form: rendering would remove the form under the click that submits it (the loop renders after the login).
const unlockSpeech = (): void => {
  if (document.getElementById('login')) return;
  document.removeEventListener('click', unlockSpeech);
  render();
};
document.addEventListener('click', unlockSpeech);
if (badWindows) {
  root.replaceChildren(h('p', { class: 'error', id: 'error' }, `windows=${windowsParam}: give window numbers, e.g. ?windows=5 or ?windows=5,6.`));
} else {
  render();
  void run();
}
