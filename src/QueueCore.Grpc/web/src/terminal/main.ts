// The clerk's terminal, /terminal/{hall}/{window}: the window's commands over gRPC-Web with the terminal's key.
// Shows the ticket at the window with its items, the queue the window would call (in dispatch order, with why each
// ticket stands there), the window's figures for the day and the hall's parked tickets; follows the window's own
// stream (WatchWindow) so calls pushed in auto mode show at once. Keyboard shortcuts for the frequent keys; Cancel asks
// before it cancels.
import { Code, ConnectError } from '@connectrpc/connect';
import { timestampFromMs, timestampMs } from '@bufbuild/protobuf/wkt';
import { TicketState, WindowState, type QueuePage } from '../gen/queuecore/v1/common_pb';
import { Terminal, type WindowInfo } from '../gen/queuecore/v1/terminal_pb';
import { askForKey, describe, Device, h, isCredentialError, markStatus, routeParts } from '../shared/device';
import { scriptOf } from '../shared/language';
import { languageBeforeLogin, loginTexts, rememberLanguage } from '../shared/login';
import { sayRefusal } from '../shared/refusals';
import { requestId } from '../shared/requestId';
import { terminalTexts, type TerminalTexts } from './texts';

const [hall = '', windowText = '0'] = routeParts();
const window_ = Number(windowText);
const device = new Device('terminal', `${hall}.${window_}`);
const client = device.client(Terminal);
const root = document.getElementById('app')!;

/** For tests and diagnostics (window.queuecoreTerminal). */
const state = {
  hall, window: window_, ready: false, info: null as WindowInfo | null, queue: null as QueuePage | null,
  message: '', error: '', busy: false, lastAction: null as null | { name: string; clickedAt: number; doneAt?: number; error?: string },
};
(window as unknown as { queuecoreTerminal: typeof state }).queuecoreTerminal = state;

/** The hall's language (WindowInfo.language): until the view says, the one last learned, or the browser's. */
const language = () => state.info?.language || languageBeforeLogin(device.storageName);
/** The terminal's own words in the hall's language, as the kiosk and the screens write it. */
const tx = (): TerminalTexts => terminalTexts[scriptOf(language())];
/** "4 min", "1 h 05 min" (or "4分钟") from a protobuf Duration's seconds. */
function minutes(seconds: bigint | number | undefined): string {
  const total = Math.round(Number(seconds ?? 0) / 60);
  return tx().duration(Math.floor(total / 60), total % 60);
}
/** A refusal as the clerk reads it: by its kind in the hall's language, else the server's sentence. */
const said = (error: unknown) => sayRefusal(error, tx().refusals);

const req = () => ({ hall, window: window_, requestId: requestId() });
// The ticket the page shows, sent with each command on the window's ticket: the server refuses the command when the
// window has another one (another keypad of this window, or a press from a page gone stale, moved it on), so a key
// acts on the citizen the clerk sees or on none. 0n: no ticket shown. The item shown goes with it: a visit with several
// items is one ticket, which the window may call straight back for its next item, and a second press meant for the item
// just finished would otherwise finish that next one unserved.
const shown = () => state.info?.current?.ticket ?? 0n;
const onShown = () => {
  const current = state.info?.current;
  return current ? { ...req(), ticket: current.ticket, ticketService: current.service } : { ...req(), ticket: 0n };
};
// No call waits for ever: one sent on a connection that died without a word would hold the terminal (one command at a
// time) until the clerk reloads. After this the call fails with DeadlineExceeded and the browser drops that connection.
const unary = { timeoutMs: 15_000 };
const read = { timeoutMs: 5_000 }; // the view, read again often: a dead connection costs one short wait
const parkMinutes = '30'; // the park field's value until a clerk types another, and again after each park

/** The actions, each with its shortcut key (the same in every language); `run` returns what to tell the clerk. */
type ActionId = 'call-next' | 'next' | 'recall' | 'start' | 'finish' | 'no-show' | 'cancel' | 'finish-pause' | 'no-show-pause';
const actions: { id: ActionId; key: string; run: () => Promise<string> }[] = [
  { id: 'call-next', key: 'n', run: async () => { const t = await client.callNext(req(), unary); return tx().called(t.number); } },
  { id: 'next', key: 'Enter', run: () => finishAndCallNext() },
  { id: 'recall', key: 'r', run: async () => { const t = await client.recall(onShown(), unary); return tx().recalled(t.number); } },
  { id: 'start', key: 's', run: async () => { const t = await client.startServing(onShown(), unary); return tx().serving(t.number); } },
  { id: 'finish', key: 'f', run: async () => { const t = await client.finish(onShown(), unary); return t.state === TicketState.WAITING ? tx().goesOn(t.number, t.serviceName) : tx().finished(t.number); } },
  { id: 'no-show', key: 'x', run: async () => { const t = await client.noShow(onShown(), unary); return tx().noShow(t.number); } },
  { id: 'cancel', key: 'c', run: () => cancelCurrent() },
  // One press each, not Finish then Pause: on an auto-mode window the next ticket would be pushed in between.
  { id: 'finish-pause', key: 'b', run: () => thenPause(async (r) => tx().finished((await client.finishAndPause(r, unary)).number)) },
  { id: 'no-show-pause', key: 'v', run: () => thenPause(async (r) => tx().noShow((await client.noShowAndPause(r, unary)).number)) },
];
/** A key's label in the hall's language. */
const label = (id: keyof TerminalTexts['keys']) => tx().keys[id];
/** The key's shortcut as shown on it: "N", "↵". */
const keyCap = (key: string) => (key === 'Enter' ? '↵' : key.toUpperCase());

/** Ends the ticket shown with `end` and pauses the window for the reason in the pause field (cleared once paused). */
async function thenPause(end: (request: ReturnType<typeof onShown> & { reason: string }) => Promise<string>): Promise<string> {
  const ended = await end({ ...onShown(), reason: input('pause-reason').value.trim() });
  input('pause-reason').value = ''; // this pause's reason (the badge shows it), not the next one's
  return tx().paused(ended);
}

/**
 * The single "Next" key: finishes the ticket shown and calls the next one; with no ticket shown, only calls. Sent as a
 * call when nothing is shown, not as a finish of whatever the window has: a page that has not yet shown a ticket pushed
 * to its window would otherwise finish that citizen unseen.
 */
async function finishAndCallNext(): Promise<string> {
  if (shown() === 0n) {
    const t = await client.callNext(req(), unary);
    return tx().called(t.number);
  }
  const before = state.info?.current;
  const t = await client.finishAndCallNext(onShown(), unary);
  // A visit of several items is one ticket, called straight back for its next item: "Finished; called A001." read as
  // if the finished ticket had been called again by mistake.
  if (before && t.id === before.ticket) return tx().finishedCalledAgain(before.number, itemName(before.service), t.serviceName);
  return t.id === 0n ? tx().finishedNothingWaits(before?.number ?? tx().theTicket) : tx().finishedCalled(before?.number ?? tx().theTicket, t.number);
}

/**
 * Cancels the ticket called to the window (a citizen who gives up, a ticket taken by mistake) once the clerk confirms:
 * the ticket leaves for good, so one stray key must not do it. The server takes a cancel at a window only for the
 * ticket called there, not once its service has started.
 */
async function cancelCurrent(): Promise<string> {
  const current = state.info?.current;
  if (!current) return tx().noTicket;
  const reason = await confirmCancel(current.number);
  if (reason === null) return tx().kept(current.number);
  const t = await client.cancel({ ...req(), ticket: current.ticket, reason }, unary);
  return tx().cancelled(t.number);
}

/** Asks before cancelling: resolves with the reason typed (may be empty), or null when the clerk keeps the ticket. */
function confirmCancel(number: string): Promise<string | null> {
  return new Promise((resolve) => {
    const words = tx();
    const reason = h('input', { id: 'cancel-reason', placeholder: words.cancelReason, size: '28', 'aria-label': words.cancelReasonName });
    const confirm = h('button', { type: 'submit', id: 'cancel-confirm', class: 'danger' }, words.cancelConfirm(number));
    const keep = h('button', { type: 'button', id: 'cancel-keep' }, words.keep);
    const form = h('form', {},
      h('p', { id: 'cancel-question' }, words.cancelQuestion(number)),
      reason, h('div', { class: 'row' }, confirm, keep));
    const dialog = h('dialog', { id: 'cancel-dialog', 'aria-labelledby': 'cancel-question' }, form);
    const answer = (value: string | null) => { dialog.close(); dialog.remove(); resolve(value); };
    form.addEventListener('submit', (event) => { event.preventDefault(); answer(reason.value.trim()); });
    keep.addEventListener('click', () => answer(null));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); answer(null); }); // Escape keeps it
    document.body.append(dialog);
    dialog.showModal();
    keep.focus(); // the safe choice under the finger: Enter or Space keeps the ticket
  });
}

/**
 * The server's clock: the time of the view last read (WindowInfo.time, the hall's "now" when it answered), moved on by
 * the browser's monotonic clock. A desk PC's own clock may be wrong or never set: a park's return time taken from it
 * was refused ("must be later than now") when it was behind, and parked the ticket for hours when it was ahead.
 */
let serverClock: { ms: number; at: number } | null = null;
function noteServerTime(info: WindowInfo): void {
  if (info.time) serverClock = { ms: timestampMs(info.time), at: performance.now() };
}
function serverNow(): number {
  // Whole milliseconds: a Timestamp's nanos must be a whole number (performance.now() has fractions of one).
  return serverClock ? Math.round(serverClock.ms + (performance.now() - serverClock.at)) : Date.now();
}

/**
 * The hall's time zone for the times shown, when this browser knows it; else the desk PC's own. The times are written in
 * the hall's language (language()), not the PC's: a Chinese hall's queue read "10:34 PM起" on an English PC.
 */
function hallZone(): string | undefined {
  const zone = state.info?.timeZone;
  if (!zone) return undefined;
  try { new Intl.DateTimeFormat('en', { timeZone: zone }); return zone; } catch { return undefined; }
}

function input(id: string): HTMLInputElement { return document.getElementById(id) as HTMLInputElement; }

/** A service item's name as the hall names it, from the view. */
const itemName = (service: number) => state.info?.services.find((s) => s.service === service)?.name ?? `#${service}`;

/**
 * How long the ticket being served may be parked now: whole minutes until the latest return the server takes
 * (WindowInfo.park_return_by: 24 hours, the end of the day for an item with issuing hours, the day schedule), and that
 * time in hall time. Null when the server does not say (no ticket served, an older server): the field's own 480 then.
 */
function parkLimit(): { minutes: number; by: string } | null {
  const returnBy = state.info?.parkReturnBy;
  if (!returnBy) return null;
  const ms = timestampMs(returnBy);
  // A bound on the hall's next day says so: "back by 01:17" read as within the hour.
  const day = (at: number) => new Date(at).toLocaleDateString('en-CA', { timeZone: hallZone() });
  const time = new Date(ms).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit', timeZone: hallZone() });
  const today = day(serverNow());
  const by = day(ms) === today ? time : day(ms - 60_000) === today ? tx().midnight : tx().tomorrow(time);
  return { minutes: Math.floor((ms - serverNow()) / 60_000), by };
}

/**
 * A number field's whole number, at least `min`; refused with the field's name otherwise. "7.5" failed in the browser
 * as "Internal: serialize binary: cannot encode field ...", and "0" minutes parked for 30 without a word.
 */
function whole(id: string, what: string, min: number): number {
  const field = input(id);
  const value = Number(field.value);
  if (field.validity.badInput || !Number.isInteger(value) || value < min) {
    throw new ConnectError(tx().notWhole(what, min, field.value.trim()), Code.InvalidArgument);
  }
  return value;
}

// One command at a time. The keys are enabled from the view read after the last command, so a second press before
// that command's answer and view came back would act on a window that has moved on: a double Enter finished the
// ticket the first one had just called (counted served, never served) and called the one after it.
// state.busy: a command is in flight (tests wait for it to clear before the next key, as a clerk waits for the message).
// Meanwhile every key is off and the one pressed is marked busy (aria-busy): the window's stream may show the window
// idle before Finish's answer, and "Call next", enabled by it, was clicked and dropped without a word.
async function act(name: string, run: () => Promise<string>): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  const pressed = clicked;
  pressed?.setAttribute('aria-busy', 'true');
  keysWhileBusy();
  try {
    await actNow(name, run);
  } finally {
    state.busy = false;
    pressed?.removeAttribute('aria-busy');
    if (state.ready && !keysAreOff) render(); // the keys as the view has them again (not at a login form, nor a removed window)
  }
}

/** The key being clicked (a click by mouse, or by its shortcut), read by act() to mark it busy. */
let clicked: HTMLButtonElement | null = null;
document.addEventListener('click', (event) => { clicked = (event.target as Element | null)?.closest('button') ?? null; }, { capture: true });

/** Every key off while a command is in flight (render() keeps them so), the pressed one shown busy by its aria-busy. */
function keysWhileBusy(): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button:not(#logout)')) button.disabled = true;
}

async function actNow(name: string, run: () => Promise<string>): Promise<void> {
  state.lastAction = { name, clickedAt: performance.timeOrigin + performance.now() };
  // A clicked button lets the focus go, so the next Enter is the "Finish + next" key, not that button again.
  if (document.activeElement instanceof HTMLButtonElement) document.activeElement.blur();
  const action = state.lastAction;
  let message = '';
  try {
    message = await run();
  } catch (error) {
    action.error = said(error);
    show('', action.error, error);
    if (isCredentialError(error)) { device.forget(); void start(error); return; }
    await refresh().catch(() => {});
    return;
  }
  // The view is read again before the clerk is told, so the message and the keys it enables appear together: a clerk
  // who presses S on seeing "called A023" finds Start enabled, not still disabled from before the call.
  let cause: unknown = null;
  const stale = await refresh().then(() => '', (error) => { cause = offlineCause ?? error; return offline || said(error); });
  action.doneAt = performance.timeOrigin + performance.now();
  show(message, stale, cause);
}

/**
 * Tells the clerk `message`, or `error` when there is one: the server's sentence (or the page's), plain; the error
 * behind it (`cause`) keeps its status for support in the message's data-status and title.
 */
function show(message: string, error: string, cause: unknown = null): void {
  state.message = message;
  state.error = error;
  const box = document.getElementById('message');
  if (box) {
    box.className = error ? 'message error' : 'message ok';
    box.textContent = error || message;
    box.setAttribute('role', error ? 'alert' : 'status');
    markStatus(box, error ? cause : null);
  }
}

/** The language the terminal's keys and labels were drawn in ('' before they were). */
let drawnIn = '';

function skeleton(): void {
  const words = tx();
  drawnIn = language();
  document.documentElement.lang = language();
  document.title = `${words.window(window_)} · ${state.info?.hallName || hall}`;
  const buttons = actions.map((a) => h('button', { type: 'button', id: a.id, 'data-key': a.key }, label(a.id), ' ', h('kbd', {}, keyCap(a.key))));
  root.replaceChildren(
    h('header', {},
      h('h1', {}, words.window(window_)), h('span', { id: 'hall-name', class: 'hall' }, hall),
      h('span', { id: 'window-state', class: 'badge' }, '…'),
      h('button', { type: 'button', id: 'logout', class: 'quiet' }, words.logOut)),
    h('p', { id: 'message', class: 'message', role: 'status' }),
    h('main', {},
      h('section', { class: 'current' },
        h('h2', {}, words.atTheWindow),
        h('div', { id: 'current' }),
        h('div', { class: 'actions' }, ...buttons),
        h('div', { class: 'row' },
          h('label', { for: 'transfer-target' }, words.transferTo),
          h('select', { id: 'transfer-target' }),
          h('button', { type: 'button', id: 'transfer' }, `${label('transfer')} `, h('kbd', {}, 'T'))),
        h('div', { class: 'row' },
          h('label', { for: 'park-reason' }, label('park')),
          h('input', { id: 'park-reason', placeholder: words.parkReason, size: '24' }),
          h('input', { id: 'park-minutes', type: 'number', min: '1', max: '480', value: parkMinutes, 'aria-label': words.minutesName, 'aria-describedby': 'park-by', class: 'short' }), words.min,
          h('button', { type: 'button', id: 'park' }, `${label('park')} `, h('kbd', {}, 'P')),
          h('span', { id: 'park-by', class: 'hint' }))),
      h('section', { class: 'window' },
        h('h2', {}, words.windowSection),
        h('div', { class: 'row' },
          h('label', { for: 'clerk' }, words.clerk), h('input', { id: 'clerk', type: 'number', min: '0', class: 'short', value: '0' }),
          h('label', {}, h('input', { id: 'auto', type: 'checkbox' }), ` ${words.auto}`),
          h('button', { type: 'button', id: 'open' }, label('open'))),
        h('div', { class: 'row' },
          h('input', { id: 'pause-reason', placeholder: words.pauseReason, size: '14', 'aria-label': words.pauseReasonName }),
          h('button', { type: 'button', id: 'pause' }, label('pause')),
          h('button', { type: 'button', id: 'resume' }, label('resume')),
          h('button', { type: 'button', id: 'close' }, label('close'))),
        h('h2', {}, words.today), h('dl', { id: 'figures', class: 'figures' }),
        h('h2', {}, words.parkedSection), h('ul', { id: 'parked', class: 'parked' })),
      h('section', { class: 'queue' },
        h('h2', {}, `${words.queue} `, h('span', { id: 'queue-total', class: 'hint' })),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '#'), ...words.columns.map((c) => h('th', {}, c)), h('th', {}, ''))),
          h('tbody', { id: 'queue' })))),
    h('footer', { class: 'hint' }, `${words.shortcuts} `,
      ...actions.flatMap((a) => [h('kbd', {}, keyCap(a.key)), ` ${label(a.id)}  `]), h('kbd', {}, 'T'), ` ${label('transfer')}  `, h('kbd', {}, 'P'), ` ${label('park')}`));

  for (const a of actions) document.getElementById(a.id)!.addEventListener('click', () => void act(a.id, a.run));
  document.getElementById('transfer')!.addEventListener('click', () => void act('transfer', async () => {
    const chosen = (document.getElementById('transfer-target') as HTMLSelectElement).value;
    // Every target off (one item, no other window open): the list chose none, and its '' went out as item NaN, refused by
    // the browser's encoder in words no clerk reads ("cannot encode field ... invalid int32: NaN").
    if (!chosen) throw new ConnectError(tx().nowhereToTransfer(state.info?.current?.number ?? tx().theTicket), Code.FailedPrecondition);
    const [kind, id] = chosen.split(':');
    const target = kind === 'window' ? { case: 'targetWindow' as const, value: Number(id) } : { case: 'service' as const, value: Number(id) };
    const t = await client.transfer({ ...onShown(), target }, unary);
    return tx().transferred(t.number, kind === 'window' ? tx().windowTarget(Number(id)) : t.serviceName);
  }));
  document.getElementById('park')!.addEventListener('click', () => void act('park', async () => {
    const minutesValue = input('park-minutes').value === '' ? Number(parkMinutes) : whole('park-minutes', tx().parkMinutesName, 1);
    const limit = parkLimit();
    if (limit && minutesValue > limit.minutes) {
      // Said before asking: the server would refuse it, in a sentence about return_at the clerk did not type.
      throw new ConnectError(limit.minutes < 1
        ? tx().cannotParkNow(limit.by)
        : tx().parkTooLong(limit.by, limit.minutes, minutesValue), Code.InvalidArgument);
    }
    const t = await client.park({ ...onShown(), reason: input('park-reason').value.trim(), returnAt: timestampFromMs(serverNow() + minutesValue * 60_000) }, unary);
    input('park-reason').value = ''; // this citizen's reason, not the next one's
    input('park-minutes').value = parkMinutes; // nor their minutes: the next park silently went for as long
    return tx().parked(t.number, minutesValue);
  }));
  document.getElementById('open')!.addEventListener('click', () => void act('open', async () => {
    const r = await client.openWindow({ hall, window: window_, clerk: whole('clerk', tx().clerkNumberName, 0), auto: input('auto').checked, requestId: requestId() }, unary);
    return tx().opened(r.window, tx().windowStates[r.state] ?? '');
  }));
  document.getElementById('pause')!.addEventListener('click', () => void act('pause', async () => {
    await client.pauseWindow({ hall, window: window_, reason: input('pause-reason').value.trim(), requestId: requestId() }, unary);
    input('pause-reason').value = ''; // this pause's reason (the badge shows it), not the next one's
    return tx().windowPaused;
  }));
  document.getElementById('resume')!.addEventListener('click', () => void act('resume', async () => { await client.resumeWindow(req(), unary); return tx().windowResumed; }));
  document.getElementById('close')!.addEventListener('click', () => void act('close', async () => { await client.closeWindow(req(), unary); return tx().windowClosed; }));
  document.getElementById('logout')!.addEventListener('click', () => { device.forget(); location.reload(); });
}

function render(): void {
  const info = state.info;
  if (!info || !document.getElementById('current')) return; // nothing read yet, or the login form shown
  const words = tx();
  const figures = info.figures;
  const names = new Map(info.services.map((s) => [s.service, s.name]));
  document.getElementById('hall-name')!.textContent = info.hallName || hall;
  const badge = document.getElementById('window-state')!;
  // The reason as the hall's language brackets it: "Paused (lunch)", "暂停（午休）" (not "暂停 (午休)").
  const stateName = words.windowStates[figures?.state ?? 0] ?? '';
  badge.textContent = figures?.pauseReason ? words.stateWith(stateName, figures.pauseReason) : stateName;
  badge.dataset.state = WindowState[figures?.state ?? 0];

  const current = info.current;
  document.getElementById('current')!.replaceChildren(current
    ? h('div', { class: 'ticket', 'data-number': current.number },
      h('span', { class: 'number' }, current.number),
      h('span', { class: 'state' }, words.ticketStates[current.state] ?? ''),
      // The class as the hall names it ("Elderly / caring"), unless it is the normal one, as the kiosk prints it: the clerk
      // sees why this citizen was called ahead of others.
      current.priorityClassName && current.priorityClass !== info.normalClass ? h('span', { class: 'class' }, current.priorityClassName) : '',
      h('ol', { class: 'items' }, ...current.items.map((item, i) => h('li', { class: i === current.itemIndex ? 'now' : i < current.itemIndex ? 'done' : '' }, names.get(item) ?? `#${item}`))))
    : h('p', { class: 'hint' }, words.noTicket));

  const select = document.getElementById('transfer-target') as HTMLSelectElement;
  const chosen = select.value;
  select.replaceChildren(
    // Not the item the ticket is at now: the server refuses that transfer ("already for item 1").
    h('optgroup', { label: words.service }, ...info.services.map((s) => h('option', { value: `service:${s.service}`, disabled: s.service === current?.service }, s.name))),
    h('optgroup', { label: words.windowSection }, ...info.windows.map((w) => h('option', { value: `window:${w.window}`, disabled: w.state === WindowState.CLOSED }, `${w.name || words.window(w.window)} (${words.windowStates[w.state] ?? ''})`))));
  if (chosen) select.value = chosen;
  // That window closed meanwhile, or that item is the ticket's own now: the first one it can go to.
  if (select.selectedOptions[0]?.disabled) select.value = [...select.options].find((o) => !o.disabled)?.value ?? '';

  document.getElementById('figures')!.replaceChildren(
    h('dt', {}, words.served), h('dd', { id: 'served-today' }, String(figures?.servedToday ?? 0)),
    h('dt', {}, words.meanWait), h('dd', { id: 'mean-wait' }, minutes(figures?.meanWait?.seconds)),
    h('dt', {}, words.meanHandling), h('dd', {}, minutes(figures?.meanHandlingTime?.seconds)),
    h('dt', {}, words.ratings), h('dd', { id: 'ratings' }, figures?.ratings ? words.ratingsMean(figures.ratings, figures.meanRating.toFixed(1)) : '0'),
    h('dt', {}, words.queueLength), h('dd', {}, String(state.queue?.total ?? figures?.queueLength ?? 0)));

  document.getElementById('parked')!.replaceChildren(...(info.parked.length === 0 ? [h('li', { class: 'hint' }, words.none)] : info.parked.map((p) => {
    const resume = h('button', { type: 'button', class: 'small', disabled: state.busy }, words.keys.resume);
    resume.addEventListener('click', () => void act('resume-parked', async () => {
      const t = await client.resumeParked({ hall, window: window_, ticket: p.ticket, requestId: requestId() }, unary);
      return tx().resumed(t.number);
    }));
    // Its class as for the ticket at the window: the clerk resuming it sees why it comes back ahead of others.
    const named = p.priorityClassName && p.priorityClass !== info.normalClass ? ` ${p.priorityClassName}` : '';
    return h('li', {}, h('strong', {}, p.number), `${named} ${p.note} `, resume);
  })));

  const queue = state.queue;
  document.getElementById('queue-total')!.textContent = queue ? words.waiting(queue.total) : '';
  document.getElementById('queue')!.replaceChildren(...(queue?.tickets ?? []).map((t) => h('tr', { 'data-number': t.number },
    h('td', {}, String(t.position)), h('td', { class: 'number' }, t.number), h('td', {}, names.get(t.service) ?? String(t.service)),
    // The class as the hall names it, none for the normal one, as for the ticket at the window; then any head start.
    h('td', {}, [t.priorityClass !== info.normalClass ? t.priorityClassName : '', t.headStart && t.headStart.seconds > 0n ? `(+${minutes(t.headStart.seconds)})` : '']
      .filter((part) => part !== '').join(' ')),
    h('td', {}, minutes(t.waited?.seconds)),
    h('td', {}, (words.reasons[t.reason] ?? '') + (t.eligibleAt ? words.callableAt(new Date(timestampMs(t.eligibleAt)).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit', timeZone: hallZone() })) : '')),
    h('td', {}, callButton(t.ticket, t.number, figures?.state === WindowState.IDLE)))));

  const s = figures?.state ?? WindowState.CLOSED;
  const at = !!current;
  const enable = (id: string, on: boolean) => { (document.getElementById(id) as HTMLButtonElement).disabled = !on || state.busy; };
  enable('open', s === WindowState.CLOSED);
  enable('pause', s === WindowState.IDLE);
  enable('resume', s === WindowState.PAUSED);
  enable('close', s === WindowState.IDLE || s === WindowState.PAUSED); // a ticket at the window must go first
  enable('call-next', s === WindowState.IDLE);
  // The single "Next" key: on an idle window it calls, on a called ticket it counts it served from its call.
  enable('next', s === WindowState.IDLE || s === WindowState.CALLING || s === WindowState.SERVING);
  enable('recall', s === WindowState.CALLING);
  enable('start', s === WindowState.CALLING);
  enable('finish', s === WindowState.SERVING);
  enable('no-show', s === WindowState.CALLING);
  enable('finish-pause', s === WindowState.SERVING);
  enable('no-show-pause', s === WindowState.CALLING);
  enable('cancel', s === WindowState.CALLING); // the server cancels a window's ticket while it is called, not once served
  enable('transfer', at);
  enable('park', s === WindowState.SERVING); // a ticket is parked once its service has started
  // The field offers what the server takes now: the old max of 480 minutes ran past the end of an item's day.
  const limit = parkLimit();
  const field = input('park-minutes');
  field.max = String(limit ? Math.max(1, limit.minutes) : 480);
  if (limit && limit.minutes < Number(field.value) && field.value === parkMinutes) field.value = String(Math.max(1, limit.minutes));
  document.getElementById('park-by')!.textContent = !limit ? '' : limit.minutes < 1 ? words.noParkNow(limit.by) : words.parkAtMost(limit.minutes, limit.by);
}

/**
 * The window (or its hall) an admin removed: every key off, as each would only be refused, until a read of the view
 * works again (the window added back). The last view stays on screen, as it was.
 */
function keysOff(): void {
  keysAreOff = true;
  const badge = document.getElementById('window-state');
  if (badge) { badge.textContent = tx().removed; badge.dataset.state = 'REMOVED'; }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button:not(#logout)')) button.disabled = true;
}

/** Calls one waiting ticket out of order (a citizen who came back, an urgent case). */
function callButton(ticket: bigint, number: string, enabled: boolean): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'small', title: tx().callNow(number), disabled: !enabled || state.busy }, tx().call);
  button.addEventListener('click', () => void act('call-ticket', async () => {
    const t = await client.callTicket({ hall, window: window_, ticket, requestId: requestId() }, unary);
    return tx().called(t.number);
  }));
  return button;
}

/**
 * Why the view cannot be read: the server down, the desk's cable out, a call that timed out ("Cannot reach the
 * server"), the window or its hall removed by an admin (NotFound), or another status. Said where the clerk reads the answers, until a read works again: a clerk looking at a
 * window shown idle must know it may not be idle any more (a ticket pushed to it in auto mode, called on the screens).
 */
function unreachable(error: unknown): string {
  const code = ConnectError.from(error).code;
  if (code === Code.NotFound) {
    const what = /no window/.test(ConnectError.from(error).rawMessage) ? tx().windowRemoved(window_) : tx().hallRemoved;
    return tx().keysOff(what, uncapitalized(describe(error)).replace(/\.$/, ''));
  }
  return code === Code.Unknown || code === Code.Unavailable || code === Code.DeadlineExceeded || code === Code.Canceled
    ? tx().cannotReach(uncapitalized(describe(error)).replace(/\.$/, ''))
    : tx().tryingAgain(said(error).replace(/[.。]$/, ''));
}
/** The server's sentence inside the page's own: "(hall 'x' has no window 3)", not "(Hall 'x' ...)". An id stays as it is. */
const uncapitalized = (text: string) => /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
let keysAreOff = false; // the window or its hall is removed: every key off until a read of the view works again
let offline = ''; // the message shown while the view cannot be read ('' while it can)
let offlineCause: unknown = null; // the error behind it

let refreshing: Promise<void> | null = null;
let again = false;
/** Reads the window's info and queue again (coalesced: at most one read in flight and one queued). */
async function refresh(): Promise<void> {
  if (refreshing) { again = true; return refreshing; }
  refreshing = (async () => {
    do {
      again = false;
      let info: WindowInfo;
      let queue: QueuePage;
      try {
        [info, queue] = await Promise.all([client.getWindowInfo({ hall, window: window_ }, read), client.getQueue({ hall, window: window_, count: 30 }, read)]);
      } catch (error) {
        if (!isCredentialError(error)) { offline = unreachable(error); offlineCause = error; show('', offline, error); }
        if (ConnectError.from(error).code === Code.NotFound) keysOff();
        throw error;
      }
      if (offline) {
        if (state.error === offline) show('', ''); // not a command's own answer that came since
        offline = '';
        offlineCause = null;
      }
      keysAreOff = false;
      state.info = info;
      noteServerTime(info);
      state.queue = queue;
      // The hall's language changed (its profile, after a restart of the server): keys and labels drawn again in it, not
      // only the answers; a field half typed is lost, as on a reload.
      if (drawnIn && drawnIn !== language()) { skeleton(); rememberLanguage(device.storageName, language()); }
      render();
    } while (again);
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/**
 * Follows the window's stream; every update refreshes the view. Reconnects by itself, and starts a new stream after
 * 1,000 updates: connect-web keeps a little of every update of a stream until the stream ends.
 */
async function watch(): Promise<void> {
  let backoff = 250;
  for (;;) {
    const stream = new AbortController();
    watched = stream;
    lastHeard = performance.now();
    try {
      let count = 0;
      for await (const _ of client.watchWindow({ hall, window: window_ }, { signal: stream.signal })) {
        lastHeard = performance.now();
        backoff = 250;
        void refresh().catch(() => {});
        if (++count >= 1000) { stream.abort(); break; }
      }
      if (stream.signal.aborted) continue;
    } catch (error) {
      if (isCredentialError(error)) {
        // The key was revoked or rebound while the page was open: log in again now, not at the clerk's next key.
        watching = false;
        device.forget();
        void start(error);
        return;
      }
    }
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, 5000);
    void refresh().catch(() => {});
  }
}

// A connection that died without a word (a switch rebooted, a NAT forgot it) looks like a quiet window: pushes in auto
// mode would never show, and the clerk would wait at an "idle" window while the screen calls a citizen to it. The view
// is read again every so often (also for the minutes waited and overflow tickets becoming callable, which no update
// announces), and after a silence this long the stream is started again (cheap when nothing was missed).
let watched: AbortController | null = null;
let lastHeard = performance.now();
const refreshEveryMs = 10_000;
const silenceMs = 45_000;
window.setInterval(() => {
  if (!state.ready || !watching) return;
  void refresh().catch(() => {});
  if (performance.now() - lastHeard > silenceMs) {
    lastHeard = performance.now();
    watched?.abort();
  }
}, refreshEveryMs);

document.addEventListener('keydown', (event) => {
  if (!state.ready || state.busy || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return; // a held key is one press
  const target = event.target as HTMLElement;
  if (target.closest('input, select, textarea')) {
    // Typing a reason or a clerk number: no shortcut; Enter sends the field with the key beside it (it did nothing).
    const field = event.key === 'Enter' && target instanceof HTMLInputElement && target.type !== 'checkbox' ? fieldKeys[target.id] : undefined;
    const button = field ? document.getElementById(field.key) as HTMLButtonElement | null : null;
    if (!field || !button) return;
    event.preventDefault();
    if (!button.disabled) button.click();
    else show(tx().notPossible(label(field.key), stateWord()), '');
    return;
  }
  if (target.closest('button') && (event.key === 'Enter' || event.key === ' ')) return; // that button's own key
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const action = actions.find((a) => a.key === key);
  const button = action ? document.getElementById(action.id) : key === 't' ? document.getElementById('transfer') : key === 'p' ? document.getElementById('park') : null;
  if (button && !(button as HTMLButtonElement).disabled) {
    event.preventDefault();
    button.click();
  } else if (button) {
    // A key that did nothing left the clerk guessing whether it was read: say why it is off, in the window's state.
    event.preventDefault();
    const name = label(action?.id ?? (key === 't' ? 'transfer' : 'park'));
    show(tx().notPossible(name, stateWord()), '');
  }
});

/** The fields whose Enter presses the key beside them. */
const fieldKeys: Record<string, { key: 'park' | 'pause' | 'open' }> = {
  'park-reason': { key: 'park' }, 'park-minutes': { key: 'park' }, 'pause-reason': { key: 'pause' }, clerk: { key: 'open' },
};

/** The window's state in a clerk's words, with the ticket at the window: "serving (A001)". */
function stateWord(): string {
  const s = state.info?.figures?.state ?? WindowState.CLOSED;
  const word = tx().stateWords[s] ?? tx().loading;
  return state.info?.current ? tx().stateWith(word, state.info.current.number) : word;
}

let watching = false;
let loggingIn = false;
async function start(refused: unknown | null = null): Promise<void> {
  if (loggingIn) return; // one login at a time: an action and the watch may both find the key refused
  loggingIn = true;
  try {
    if (!await logIn(refused)) return;
  } finally {
    loggingIn = false;
  }
  skeleton();
  // The keys as the window's state has them, from the info the login read: drawn all enabled until the next read came
  // back, a clerk's S on a closed window went to the server and came back as a refusal.
  render();
  state.ready = true;
  await refresh().catch((e) => { if (!offline) show('', said(e), e); });
  if (!watching) { watching = true; void watch(); }
}

/**
 * Asks for a key (when it has none, or `refused`, a credential error, says it is wrong) until the window's info can be
 * read with it; false when the page's address names nothing.
 */
async function logIn(refused: unknown | null): Promise<boolean> {
  state.ready = false;
  for (;;) {
    if (!device.hasKey || refused != null) {
      const words = terminalTexts[scriptOf(language())];
      device.setKey(await askForKey(root, words.login(window_), refused != null ? describe(refused) : '', refused, loginTexts[scriptOf(language())]));
      refused = null;
    }
    try {
      state.info = await client.getWindowInfo({ hall, window: window_ }, unary);
      noteServerTime(state.info);
      if (state.info.language) rememberLanguage(device.storageName, state.info.language); // the next login form's
      break;
    } catch (e) {
      if (isCredentialError(e)) { device.forget(); refused = e; continue; }
      const code = ConnectError.from(e).code;
      // Server down or out of reach: say so (not "Loading…" for ever) and try again. No such hall or window: say so.
      const gone = code === Code.NotFound || code === Code.InvalidArgument;
      const shown = h('p', { class: gone ? 'error' : 'message error', id: 'message', role: 'alert' }, gone ? describe(e) : unreachable(e));
      markStatus(shown, e);
      root.replaceChildren(shown);
      if (gone) return false;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  return true;
}

void start();
