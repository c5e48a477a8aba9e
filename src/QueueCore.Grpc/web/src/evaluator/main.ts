// The evaluator pad, /evaluator/{hall}/{window}: a small tablet at a window where the citizen rates the service just
// finished there, five large keys from very dissatisfied to very satisfied, in the hall's language. It shows the ticket
// last finished at the window when the server knows it (Evaluator.GetPad, read again every few seconds), sends the
// rating for the service last finished there as the hall stands at the tap (Evaluator.Rate with ticket 0), thanks the
// citizen and waits again after a few seconds (?thanks=N: N seconds). A refusal (nothing to rate, rated already) is
// said plainly.
import { Code, ConnectError } from '@connectrpc/connect';
import { Evaluator, type PadInfo } from '../gen/queuecore/v1/evaluator_pb';
import { askForKey, describe, Device, forSupport, h, isCredentialError, markStatus, routeParts } from '../shared/device';
import { namesMore, scriptOf } from '../shared/language';
import { languageBeforeLogin, loginTexts, rememberLanguage } from '../shared/login';
import { sayRefusal } from '../shared/refusals';
import { requestId } from '../shared/requestId';
import { evaluatorTexts } from './texts';

const [hall = '', windowText = '0'] = routeParts();
const window_ = Number(windowText);
const device = new Device('evaluator', `${hall}.${window_}`);
const client = device.client(Evaluator);
const root = document.getElementById('app')!;
const thanksMs = (Number(new URLSearchParams(location.search).get('thanks')) || 5) * 1000;
const refreshMs = 4000;
const unary = { timeoutMs: 15_000 };

/** For tests and diagnostics (window.queuecoreEvaluator). */
const state = { hall, window: window_, ready: false, info: null as PadInfo | null, rated: 0n, sending: false, thanking: false, error: '' };
(window as unknown as { queuecoreEvaluator: typeof state }).queuecoreEvaluator = state;

/** The hall's language (PadInfo.language): until the pad has read it, the one last learned, or the browser's. */
const language = () => state.info?.language || languageBeforeLogin(device.storageName);
const t = () => evaluatorTexts[scriptOf(language())];

/**
 * The line over the keys: whose service to rate, or that the pad waits for the next one: the last one was rated, as the
 * server says (PadInfo.last_rated: also after a reload, or rated by another pad), or by this pad's tap just now (the
 * view it reads may be a few seconds behind the tap).
 */
function lastLine(): string {
  const info = state.info;
  if (!info || info.lastTicket === 0n) return t().rateLast;
  return info.lastRated || info.lastTicket === state.rated ? t().waitingNext : t().rateThis(info.lastNumber);
}

function waitingScreen(): void {
  const info = state.info!;
  const words = t();
  document.documentElement.lang = language();
  document.title = `${words.window(window_, '')} · ${info.hallName || hall}`;
  const keys = words.levels.map((level, i) => {
    const score = i + 1;
    const button = h('button', { type: 'button', id: `rate-${score}`, class: 'rate', 'data-score': String(score) },
      h('span', { class: 'score' }, String(score)), h('span', { class: 'level' }, level));
    button.addEventListener('click', () => void rate(score));
    return button;
  });
  root.replaceChildren(
    h('header', {},
      h('h1', { id: 'window' }, words.window(window_, namesMore(window_, info.windowName) ? info.windowName.trim() : '')),
      h('span', { id: 'hall-name', class: 'hall' }, info.hallName || hall)),
    h('main', {},
      h('p', { id: 'last', class: 'last' }, lastLine()),
      h('div', { class: 'levels', role: 'group', 'aria-labelledby': 'last' }, ...keys),
      h('p', { id: 'message', class: 'error', role: 'alert' })));
  if (offline) sayOffline(offlineCause); // drawn again while away (the thanks ended): still said, keys still off
}

/**
 * The rating keys on unless a rating is being sent or the server is away (said on the pad): a tap then was only
 * refused again. On by themselves once a read works.
 */
function enableKeys(): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>('.rate')) b.disabled = state.sending || offline !== '';
}

/** Brings the pad up to date with a newer view, in place (a message shown stays). */
function update(info: PadInfo): void {
  const redraw = !state.info || state.info.language !== info.language || state.info.windowName !== info.windowName || state.info.hallName !== info.hallName;
  state.info = info;
  if (info.language) rememberLanguage(device.storageName, info.language);
  if (state.thanking) return;
  if (redraw || !document.getElementById('last')) { waitingScreen(); return; }
  const last = document.getElementById('last')!;
  const line = lastLine();
  if (last.textContent !== line) {
    last.textContent = line;
    say(null); // a new service to rate: the last refusal is not about it
  }
}

/** Shows a refusal (null: none), the status and the server's words for support in its data-status and title. */
function say(error: unknown | null): void {
  const box = document.getElementById('message');
  if (!box) return;
  state.error = error == null ? '' : forSupport(error);
  box.textContent = error == null ? '' : message(error);
  markStatus(box, error);
}

/** A refusal in the citizen's words: by its kind in the hall's language, the server out of reach plainly. */
function message(error: unknown): string {
  const code = ConnectError.from(error).code;
  if (code === Code.Unavailable || code === Code.DeadlineExceeded || code === Code.Unknown || code === Code.Internal) return t().cannotSend;
  return sayRefusal(error, t().refusals);
}

async function rate(score: number): Promise<void> {
  if (state.sending || state.thanking) return;
  state.sending = true;
  enableKeys();
  // The service finished here last as the hall stands at the tap (ticket 0), not the one the pad last read: the pad reads
  // every few seconds, and the citizen who taps right after the clerk's Finish would rate the citizen before.
  try {
    const reply = await client.rate({ hall, window: window_, score, ticket: 0n, requestId: requestId() }, unary);
    state.rated = reply.ticket;
    thanks(t().levels[score - 1]!);
  } catch (error) {
    if (isCredentialError(error)) { device.forget(); void start(error); return; }
    say(error);
  } finally {
    state.sending = false;
    enableKeys();
  }
}

/** Thanks the citizen, then waits for the next service after a few seconds. */
function thanks(level: string): void {
  state.thanking = true;
  root.replaceChildren(h('main', { class: 'thanks' }, h('p', { id: 'thanks' }, t().thanks(level))));
  window.setTimeout(() => {
    state.thanking = false;
    waitingScreen();
    void read().catch(() => {});
  }, thanksMs);
}

async function read(): Promise<void> {
  update(await client.getPad({ hall, window: window_ }, unary));
}

let refreshing = false;
window.setInterval(() => {
  if (!state.ready || refreshing || state.thanking) return;
  refreshing = true;
  read()
    .then(() => backOnline())
    .catch((error) => {
      if (isCredentialError(error)) { state.ready = false; device.forget(); void start(error); return; }
      if (unreachable(error)) sayOffline(error);
    })
    .finally(() => { refreshing = false; });
}, refreshMs);

/**
 * The server out of reach while the pad waits: said at once, not only to the citizen who taps and is refused (the pad
 * said nothing, its prompt as if it could take a rating), and taken back once a read works again. `offline` is the
 * sentence shown ('' while the server answers).
 */
let offline = '';
let offlineCause: unknown = null; // the error behind it
const unreachable = (error: unknown) =>
  [Code.Unavailable, Code.DeadlineExceeded, Code.Internal, Code.Unknown].includes(ConnectError.from(error).code);
function sayOffline(error: unknown): void {
  const box = document.getElementById('message');
  if (!box) return;
  offline = t().offline;
  offlineCause = error;
  state.error = forSupport(error);
  box.textContent = offline;
  markStatus(box, error);
  enableKeys();
}
function backOnline(): void {
  const box = document.getElementById('message');
  if (offline && box?.textContent === offline) say(null); // not a refusal said since
  offline = '';
  offlineCause = null;
  enableKeys();
}

/** Logs in (asking for a key when it has none, or `refused` says it is wrong) until the pad's view can be read. */
async function start(refused: unknown | null = null): Promise<void> {
  state.ready = false;
  for (;;) {
    if (!device.hasKey || refused != null) {
      device.setKey(await askForKey(root, t().login(window_), refused != null ? describe(refused) : '', refused, loginTexts[scriptOf(language())]));
      refused = null;
    }
    try {
      state.info = null;
      await read();
      state.ready = true;
      return;
    } catch (e) {
      if (isCredentialError(e)) { device.forget(); refused = e; continue; }
      const code = ConnectError.from(e).code;
      const shown = h('p', { class: 'error', id: 'message', role: 'alert' }, code === Code.NotFound || code === Code.InvalidArgument ? describe(e) : t().cannotSend);
      markStatus(shown, e);
      root.replaceChildren(shown);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

void start();
