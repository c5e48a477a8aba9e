// The ticket kiosk, /kiosk/{hall}: pick one or several service items (one visit), give the attributes the hall's
// rules turn into a priority class (the kiosk never picks a class), optionally check in an appointment, take the
// ticket, and see its number, its class (unless normal), position and estimated wait, and whether an appointment was
// checked in too early or late for its priority, printable (@media print keeps the ticket only).
import { timestampFromMs, timestampMs } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { Kiosk, type OfferedService, type ServiceList, type TakeTicketRequestSchema } from '../gen/queuecore/v1/kiosk_pb';
import { TicketState, type Ticket } from '../gen/queuecore/v1/common_pb';
import { askForKey, describe, Device, forSupport, h, isCredentialError, markStatus, routeParts } from '../shared/device';
import { namesMore, scriptOf } from '../shared/language';
import { languageBeforeLogin, loginTexts, rememberLanguage } from '../shared/login';
import { sayRefusal } from '../shared/refusals';
import { requestId } from '../shared/requestId';
import { kioskTexts } from './texts';

const [hall = ''] = routeParts();
const device = new Device('kiosk', hall);
const client = device.client(Kiosk);
const root = document.getElementById('app')!;
const maxItems = 8;
const backToStartMs = 45_000;
// A kiosk is switched on before the hall opens and stands all day: what it offers (the day open, each item issuing or
// not, waiting counts and waits) is read again this often while it shows the choice, not only after each ticket.
const refreshMs = 10_000;

/** For tests and diagnostics (window.queuecoreKiosk). */
const state = { hall, ready: false, services: null as ServiceList | null, chosen: [] as number[], ticket: null as Ticket | null, error: '' };
(window as unknown as { queuecoreKiosk: typeof state }).queuecoreKiosk = state;

function val(id: string): HTMLInputElement { return document.getElementById(id) as HTMLInputElement; }

/**
 * The hall's language (ServiceList.language; English from a server that does not say). Before the list (the staff
 * login) the one the kiosk last learned, or the browser's.
 */
const language = () => state.services ? state.services.language || 'en' : languageBeforeLogin(device.storageName);
/** The kiosk's own words in the hall's language, as its screens speak it. */
const t = () => kioskTexts[scriptOf(language())];

function choose(service: OfferedService): void {
  const i = state.chosen.indexOf(service.service);
  if (i >= 0) state.chosen.splice(i, 1);
  else if (state.chosen.length < maxItems) state.chosen.push(service.service);
  renderChoice();
  filter(); // an item unchosen that the search does not match goes out of the list
}

function renderChoice(): void {
  const list = state.services;
  if (!list) return;
  for (const s of list.services) {
    const button = document.getElementById(`service-${s.service}`);
    const order = state.chosen.indexOf(s.service);
    button?.setAttribute('aria-pressed', String(order >= 0));
    const badge = button?.querySelector('.order');
    if (badge) badge.textContent = order >= 0 ? String(order + 1) : '';
  }
  // Off while the server is away (the page says so beside it): a tap then only failed again. On by itself once back.
  (document.getElementById('take') as HTMLButtonElement).disabled = state.chosen.length === 0 || offline !== '';
}

/** Brings the choice up to date with a newer list, in place (the citizen's picks and answers stay). */
function update(list: ServiceList): void {
  const before = state.services!;
  const same = (a: ServiceList) => a.services.map((s) => `${s.service}:${s.name}:${s.category}:${s.prefix}`).join('|');
  state.services = list;
  if (same(before) !== same(list) || before.hallName !== list.hallName || before.language !== list.language) {
    // Items added, removed or renamed: draw the choice again, keeping what the citizen chose and typed.
    const kept = [...root.querySelectorAll<HTMLInputElement>('.about input')].map((i) => [i.id, i.value, i.checked] as const);
    const chosen = state.chosen.filter((c) => list.services.some((s) => s.service === c && offered(s)));
    startScreen();
    for (const [id, value, checked] of kept) {
      const input = val(id);
      if (input) { input.value = value; input.checked = checked; }
    }
    state.chosen = chosen;
    renderChoice();
    return;
  }
  document.getElementById('day-hint')!.textContent = dayHint(list);
  for (const s of list.services) {
    const button = document.getElementById(`service-${s.service}`) as HTMLButtonElement | null;
    if (!button) continue;
    button.disabled = !offered(s);
    button.classList.toggle('capped', s.dailyCapReached);
    button.querySelector('.meta')!.textContent = serviceMeta(s);
  }
  state.chosen = state.chosen.filter((c) => list.services.some((s) => s.service === c && offered(s)));
  renderChoice();
}

/**
 * Whether the citizen may choose the item: issuing, or at its daily cap only, which the hall still issues to an
 * appointment checked in on time (its booking reserved the place). Greyed out at the cap, an appointment holder could
 * not check in at all; a walk-in who chooses it is refused by the hall with the reason.
 */
const offered = (s: OfferedService) => s.issuingOpen || s.dailyCapReached;

const dayHint = (list: ServiceList) => list.dayOpen ? t().choose : t().closed;
// An item it cannot offer says why and when, as the server puts it ("Tickets 08:30-11:30 (hall time); again from
// 13:30."): a citizen who reads only "not issuing now" cannot tell whether to wait an hour or come back tomorrow.
// With nobody waiting the wait is the one for a busy window to finish: told when there is one to speak of.
const serviceMeta = (s: OfferedService) => s.dailyCapReached ? `${s.notIssuingReason || t().capReached} ${t().capAppointments}`
  : !s.issuingOpen ? s.notIssuingReason || t().notIssuing
  : s.waiting === 0 ? (wholeMinutes(s.estimatedWait?.seconds) === 0 ? t().nobody : `${t().nobody} · ${about(s.estimatedWait?.seconds)}`)
    : `${t().waiting(s.waiting)} · ${about(s.estimatedWait?.seconds)}`;

/** A protobuf Duration's seconds in whole minutes, rounded. */
const wholeMinutes = (seconds: bigint | undefined) => Math.round(Number(seconds ?? 0) / 60);

/** An estimated wait in words: "about 4 min", or "less than a minute" (not "about 0 min"). */
const about = (seconds: bigint | undefined) => {
  const total = wholeMinutes(seconds);
  return total === 0 ? t().lessThanMinute : t().about(t().duration(Math.floor(total / 60), total % 60));
};

function startScreen(): void {
  const list = state.services!;
  state.chosen = [];
  state.ticket = null;
  const groups = new Map<string, OfferedService[]>();
  for (const s of list.services) groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
  const words = t();
  document.documentElement.lang = language();
  document.title = `${words.title} · ${list.hallName || hall}`;
  const take = h('button', { type: 'button', id: 'take', class: 'primary take', disabled: true }, words.take);
  // A hall of many items (200 in one big hall) is a long scroll to find one: a word of its name finds it.
  const search = list.services.length >= searchFrom
    ? [h('input', { id: 'search', type: 'search', class: 'search', placeholder: words.search, 'aria-label': words.search, autocomplete: 'off', value: searched }),
      h('p', { id: 'search-none', class: 'hint', hidden: true }, words.noMatch)]
    : [];
  root.replaceChildren(
    h('header', {}, h('h1', {}, list.hallName || hall), h('p', { class: 'hint', id: 'day-hint' }, dayHint(list))),
    h('main', {},
      h('section', { class: 'services', 'aria-label': words.services }, ...search, ...[...groups.entries()].map(([, services]) =>
        h('div', { class: 'group' }, ...services.map((s) => {
          const button = h('button', { type: 'button', id: `service-${s.service}`, class: s.dailyCapReached ? 'service capped' : 'service', 'aria-pressed': 'false', disabled: !offered(s), 'data-service': String(s.service) },
            h('span', { class: 'order' }), h('span', { class: 'prefix' }, s.prefix), h('span', { class: 'name' }, s.name),
            h('span', { class: 'meta' }, serviceMeta(s)));
          button.addEventListener('click', () => choose(s));
          return button;
        })))),
      h('section', { class: 'about', 'aria-label': words.aboutYou },
        h('h2', {}, words.aboutYou),
        h('label', {}, `${words.age} `, h('input', { id: 'age', type: 'number', min: '0', max: '150', inputmode: 'numeric', class: 'short' })),
        h('label', {}, h('input', { id: 'disabled', type: 'checkbox' }), ` ${words.disability}`),
        h('label', {}, h('input', { id: 'pregnant', type: 'checkbox' }), ` ${words.pregnant}`),
        h('label', {}, h('input', { id: 'key-enterprise', type: 'checkbox' }), ` ${words.keyEnterprise}`),
        h('h2', {}, words.appointment),
        h('label', {}, `${words.code} `, h('input', { id: 'appointment-code', autocomplete: 'off', size: '10' })),
        h('label', {}, `${words.bookedFor} `, h('input', { id: 'appointment-time', type: 'time' })),
        take,
        h('p', { id: 'error', class: 'error', role: 'alert' }))));
  take.addEventListener('click', () => void takeTicket());
  const field = search[0] as HTMLInputElement | undefined;
  field?.addEventListener('input', () => { searched = field.value; filter(); });
  filter();
}

/** The number of items from which the kiosk offers a search field over them. */
const searchFrom = 20;
/** The words in the search field, kept while the choice is drawn again (a newer list), emptied for the next citizen. */
let searched = '';

/** Shows only the items whose prefix or name holds the words searched (every item when none), and says when none does. */
function filter(): void {
  const words = searched.trim().toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');
  let shown = 0;
  for (const group of root.querySelectorAll<HTMLElement>('.services .group')) {
    let inGroup = 0;
    for (const button of group.querySelectorAll<HTMLButtonElement>('.service')) {
      const text = `${button.querySelector('.prefix')?.textContent ?? ''} ${button.querySelector('.name')?.textContent ?? ''}`.toLocaleLowerCase();
      // A chosen item stays in sight: the citizen sees what goes on the ticket, and can unchoose it.
      const match = words.every((w) => text.includes(w)) || button.getAttribute('aria-pressed') === 'true';
      button.hidden = !match;
      if (match) inGroup++;
    }
    group.hidden = inGroup === 0;
    shown += inGroup;
  }
  const none = document.getElementById('search-none');
  if (none) none.hidden = shown > 0;
}

/**
 * The request of a tap that got no ticket, kept for a while: when an answer is lost on its way back (a dropped
 * connection, a timeout), the server may have issued the ticket all the same. A citizen told to try again taps again
 * with the same choice: the same request (same request id) then gets that ticket back instead of a second one that
 * nobody holds. Another choice is another request; and after a while the citizen at the kiosk is someone else.
 */
let unanswered: { choice: string; at: number; request: MessageInitShape<typeof TakeTicketRequestSchema>; slotNote: string } | null = null;
const retryWithinMs = 2 * 60_000;
/** The longest appointment code the server takes (AppointmentRequest.code: at most 64 characters). */
const maxCodeLength = 64;

async function takeTicket(): Promise<void> {
  const code = val('appointment-code').value.trim();
  const time = val('appointment-time').value;
  // A number field reads '' for what it cannot parse ("7-0") and passes a decimal point ("70.5"): the first went out as
  // no age (an elderly citizen's class lost without a word), the second failed in the browser as "Tickets cannot be
  // issued just now", which no retry mends.
  const age = val('age');
  if (age.validity.badInput || !Number.isInteger(Number(age.value))) return refuse(t().checkAge, `age: not a whole number of years (${age.value || 'unreadable'})`);
  // Longer than the server takes (a code scanned twice, a sentence typed): said in the citizen's words, not the server's
  // "appointment.code is longer than 64 characters.". Counted in UTF-16 units, as the server counts it.
  if (code.length > maxCodeLength) return refuse(t().checkCode, `appointment.code: ${code.length} characters; at most ${maxCodeLength} are accepted`);
  // The server takes an appointment's slot as the citizen booked it: a code sent with the kiosk's "now" as its slot was
  // always on time, the appointment's head start for any code typed. Each needs the other.
  if (code && !time) return refuse(t().codeWithoutTime, 'appointment: a code without the time it is booked for');
  if (time && !code) return refuse(t().timeWithoutCode, 'appointment: a time without its code');
  const attributes = { age: Number(age.value) || 0, disabled: val('disabled').checked, pregnant: val('pregnant').checked, keyEnterprise: val('key-enterprise').checked };
  const choice = JSON.stringify([state.chosen, attributes, code, time]);
  const retry = unanswered && unanswered.choice === choice && performance.now() - unanswered.at < retryWithinMs ? unanswered : null;
  let request = retry?.request;
  let slotNote = retry?.slotNote ?? '';
  if (!request) {
    const [hh, mm] = time.split(':').map(Number);
    const slot = code ? hallTimeToday(hh!, mm!) : null;
    slotNote = slot?.note ?? '';
    request = {
      hall,
      services: [...state.chosen],
      attributes,
      appointment: slot ? { code, slot: timestampFromMs(slot.ms) } : undefined,
      requestId: requestId(),
    };
  }
  unanswered = { choice, at: performance.now(), request, slotNote };
  const take = document.getElementById('take') as HTMLButtonElement;
  take.disabled = true;
  take.dataset.taking = 'yes';
  try {
    const ticket = await client.takeTicket(request);
    unanswered = null;
    offline = '';
    state.ticket = ticket;
    ticketScreen(ticket, slotNote);
  } catch (error) {
    state.error = forSupport(error);
    const shown = document.getElementById('error')!;
    shown.textContent = isCredentialError(error) ? describe(error) : citizenMessage(error);
    markStatus(shown, error); // the status and the server's own words, for the staff who come to help
    // Out of reach: said until a read of the services works again, then taken away by itself (see backOnline).
    if (unreachable(error)) { offline = shown.textContent; offlineCause = error; lastRead = performance.now(); } // read again in 2 s
    delete take.dataset.taking;
    renderChoice();
    if (isCredentialError(error)) { device.forget(); void start(error); }
  }
}

/** Asks the citizen to mend what they typed before any request goes: `message` for them, `why` in its title for staff. */
function refuse(message: string, why: string): void {
  state.error = why;
  const shown = document.getElementById('error')!;
  shown.textContent = message;
  shown.title = why;
}

/**
 * What a citizen reads when no ticket came: plain words and what to do, not a status code and a device id ("This
 * kiosk is busy", not "ResourceExhausted: Device 'kiosk-3' takes tickets faster than 60 per minute").
 */
function citizenMessage(error: unknown): string {
  const e = ConnectError.from(error);
  switch (e.code) {
    case Code.ResourceExhausted:
      // A walk-in, or an appointment not on time, for an item at its cap (the kiosk offers it for appointments on time).
      if (/daily cap/.test(e.rawMessage)) return t().dailyCap;
      if (/live tickets/.test(e.rawMessage)) return t().hallFull;
      return retryAfter(e) ?? t().busy;
    case Code.InvalidArgument:
      // A typo in the age field (700 for 70): not "attributes.age must be 0 (not given) to 150; it is 700."
      if (/attributes\.age/.test(e.rawMessage)) return t().checkAge;
      if (/appointment\.code/.test(e.rawMessage)) return t().checkCode;
      return sayRefusal(e, t().refusals);
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.Internal:
    case Code.Unknown:
      return t().cannotIssue;
    default:
      // Closed, outside its hours, an item not offered: in the hall's language by the kind the server reports, else the
      // server's own sentence.
      return sayRefusal(e, t().refusals);
  }
}

/**
 * The kiosk's own rate limit (RateLimited): how long until it issues again, from the answer's retry-after (whole
 * seconds), or its message ("... retry in 3 s."), in the citizen's words; null when the answer says neither.
 */
function retryAfter(e: ConnectError): string | null {
  const seconds = Number(e.metadata.get('retry-after') ?? /retry in (\d+) s/.exec(e.rawMessage)?.[1] ?? NaN);
  if (!Number.isInteger(seconds) || seconds < 1) return null;
  return t().busyFor(seconds);
}

/** Where the ticket stands, in a sentence: "You are next.", "3 ahead of you" and the wait; no "about 0 min". */
function waitText(ticket: Ticket): (string | Node)[] {
  const wait = about(ticket.estimatedWait?.seconds);
  if (ticket.position === 0) return [wholeMinutes(ticket.estimatedWait?.seconds) === 0 ? t().next : t().nextIn(wait)];
  return [t().ahead(ticket.position), h('br'), wait];
}

function ticketScreen(ticket: Ticket, slotNote: string): void {
  const names = new Map(state.services!.services.map((s) => [s.service, s.name]));
  const words = t();
  const again = h('button', { type: 'button', id: 'again', class: 'primary' }, words.done);
  const print = h('button', { type: 'button', id: 'print' }, words.print);
  root.replaceChildren(h('main', { class: 'issued' },
    h('article', { class: 'ticket', id: 'ticket', 'data-number': ticket.number },
      h('p', { class: 'hall' }, state.services!.hallName || hall),
      h('p', { class: 'number', id: 'ticket-number' }, ticket.number),
      // The class the hall's rules gave the ticket, as the hall names it, unless it is the normal one: the citizen sees
      // the priority was given (and can show it if called ahead of others).
      ticket.priorityClassName && ticket.priorityClass !== state.services!.normalClass
        ? h('p', { class: 'class', id: 'ticket-class' }, ticket.priorityClassName)
        : '',
      // An appointment checked in too early or too late got its ticket without the appointment's priority: said here, or
      // the citizen waits expecting to be called first.
      ticket.appointmentNotOnTime
        ? h('p', { class: 'notice', id: 'ticket-notice' }, words.notOnTime)
        : '',
      // A time typed that the hall's clocks skip or show twice tonight: which one the slot was read as.
      slotNote ? h('p', { class: 'notice', id: 'ticket-slot' }, slotNote) : '',
      h('ol', { class: 'items' }, ...state.chosen.map((s) => h('li', {}, names.get(s) ?? String(s)))),
      // A window in auto mode may have called the ticket as it was issued: then the citizen goes there now. Its name
      // after its number when the name says more (as the screens' voice names it): the sign over the desk.
      ticket.state === TicketState.CALLED
        ? h('p', { class: 'wait', id: 'ticket-wait' }, words.goTo(ticket.window, namesMore(ticket.window, ticket.windowName) ? ticket.windowName.trim() : ''))
        : h('p', { class: 'wait', id: 'ticket-wait' }, ...waitText(ticket)),
      // The server's time of issue: a kiosk's own clock drifts, or was never set, and a ticket is evidence of when its
      // holder came (an appointment's check-in, a complaint about the wait).
      ticket.issuedAt
        ? h('p', { class: 'issued-at', id: 'ticket-time', 'data-time': String(timestampMs(ticket.issuedAt)) }, new Date(timestampMs(ticket.issuedAt)).toLocaleString(language(), { timeZone: hallClock?.zone || undefined }))
        : '',
      h('p', { class: 'hint' }, words.watch)),
    h('div', { class: 'buttons' }, print, again)));
  // The number's length sizes its type (kiosk.css): one line on the receipt, however long the prefix and digits.
  document.getElementById('ticket-number')!.style.setProperty('--chars', String(Math.max(ticket.number.length, 4)));
  print.addEventListener('click', () => window.print());
  const back = () => load().catch(() => start()); // the server away: start() shows it and tries again
  const timer = window.setTimeout(() => void back(), backToStartMs);
  again.addEventListener('click', () => { window.clearTimeout(timer); void back(); });
}

async function load(): Promise<void> {
  state.services = await client.listServices({ hall });
  if (state.services.language) rememberLanguage(device.storageName, state.services.language); // the next login form's
  noteHallClock(state.services);
  searched = ''; // the next citizen's list is whole
  startScreen();
}

/**
 * The server's clock and the hall's time zone, from the last service list, the server's clock moved on by the
 * browser's monotonic one. A kiosk's own clock and zone may be wrong (never set, left on the vendor's zone): an
 * appointment "booked for 10:30" read on them was checked in hours or years off its slot and lost its priority, and
 * the ticket printed another zone's time.
 */
let hallClock: { ms: number; at: number; zone: string } | null = null;
function noteHallClock(list: ServiceList): void {
  if (!list.time) return;
  let zone = list.timeZone;
  try { new Intl.DateTimeFormat('en', { timeZone: zone || undefined }); } catch { zone = ''; } // a zone this browser does not know
  hallClock = { ms: timestampMs(list.time), at: performance.now(), zone };
}
function serverNow(): number {
  // Whole milliseconds: a Timestamp's nanos must be a whole number (performance.now() has fractions of one).
  return hallClock ? Math.round(hallClock.ms + (performance.now() - hallClock.at)) : Date.now();
}

/** The wall clock of instant `ms` in `zone` (the browser's own when undefined). */
function wallClock(ms: number, zone: string | undefined): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: part('year'), m: part('month'), d: part('day'), h: part('hour'), min: part('minute'), s: part('second') };
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/**
 * hh:mm today in the hall (its time zone, the server's date) as an instant, read as the server reads a time on the
 * hall's clocks (HallCatalog.At, the engine's issuing hours): one the clocks skip (02:30 the night they go forward) is
 * the first time after the gap (03:00), one they show twice (01:30 the night they go back) the later, in standard time.
 * The kiosk read 02:30 as 03:30 (the offset from before the gap), half an hour off the slot the server names. `note`
 * tells the citizen, in the hall's words, when the time typed was read so ("" otherwise).
 */
function hallTimeToday(hh: number, mm: number): { ms: number; note: string } {
  const zone = hallClock?.zone || undefined;
  const today = wallClock(serverNow(), zone);
  const offset = (ms: number) => { const w = wallClock(ms, zone); return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(ms / 1000) * 1000; };
  const typed = hhmm(hh, mm);
  for (let step = 0; step <= 24 * 60; step++) { // a gap is at most a few hours of minutes: a bounded walk, as the server's
    const wall = Date.UTC(today.y, today.m - 1, today.d, hh, mm + step);
    // The instants whose clock shows that minute: the wall time less each offset in force around it (at most two).
    const shows = [...new Set([-864e5, 0, 864e5].map((d) => wall - offset(wall + d)))]
      .filter((ms) => { const w = wallClock(ms, zone); return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) === wall; })
      .sort((a, b) => a - b);
    if (shows.length === 0) continue;
    const ms = shows[shows.length - 1]!;
    const at = wallClock(ms, zone);
    const note = step > 0 ? t().clocksForward(typed, hhmm(at.h, at.min)) : shows.length > 1 ? t().clocksBack(typed) : '';
    return { ms, note };
  }
  return { ms: Date.UTC(today.y, today.m - 1, today.d, hh, mm) - offset(serverNow()), note: '' }; // unreachable: no zone skips a day
}

/**
 * A choice left half made is the next citizen's: one who picked an item, typed 72 and walked away handed the next a
 * ticket for that item, queued as elderly. After this long with no touch, key or typing the choice starts afresh
 * (?idle=N: N seconds, for tests).
 */
const idleMs = (Number(new URLSearchParams(location.search).get('idle')) || 60) * 1000;
let lastTouch = performance.now();
for (const type of ['pointerdown', 'keydown', 'input']) document.addEventListener(type, () => { lastTouch = performance.now(); }, { capture: true });
window.setInterval(() => {
  const take = document.getElementById('take') as HTMLButtonElement | null;
  if (!state.ready || state.ticket || !take || take.dataset.taking || performance.now() - lastTouch < idleMs) return;
  const answered = [...root.querySelectorAll<HTMLInputElement>('.about input')].some((i) => (i.type === 'checkbox' ? i.checked : i.value !== ''));
  const message = document.getElementById('error')?.textContent ?? '';
  if (state.chosen.length === 0 && !answered && searched === '' && (!message || message === offline)) return;
  searched = '';
  startScreen(); // every item unchosen, every answer, search and message emptied
  if (offline) sayOffline(offlineCause); // but not that the server is away: that holds for the next citizen too
}, 1000);

/**
 * The server out of reach while the kiosk shows the choice: said at once, not only to the citizen who has chosen, typed
 * and tapped (the kiosk said nothing until then), and no more once a read of the services works again. `offline` is the
 * message shown ('' while the server answers), `offlineCause` the error behind it (its status in the title, for staff).
 */
let offline = '';
let offlineCause: unknown = null;
const unreachable = (error: unknown) =>
  [Code.Unavailable, Code.DeadlineExceeded, Code.Internal, Code.Unknown].includes(ConnectError.from(error).code);
function sayOffline(error: unknown): void {
  const shown = document.getElementById('error');
  if (!shown) return;
  offline = t().cannotIssue;
  offlineCause = error;
  state.error = forSupport(error);
  shown.textContent = offline;
  markStatus(shown, error);
  renderChoice();
}
function backOnline(): void {
  const shown = document.getElementById('error');
  if (offline && shown && shown.textContent === offline) { // not a refusal said since
    shown.textContent = '';
    markStatus(shown, null);
    state.error = '';
  }
  offline = '';
  offlineCause = null;
  renderChoice();
}

let refreshing = false;
// While the server is away the services are read every 2 s, not every 10: Take ticket is off until a read works, and a
// citizen told to try again should not wait long for it.
const offlineRefreshMs = 2_000;
let lastRead = performance.now();
window.setInterval(() => {
  // Only while the choice is shown, and not while a ticket is being taken (its answer replaces the screen).
  if (!state.ready || state.ticket || refreshing || !document.getElementById('take') || (document.getElementById('take') as HTMLButtonElement).dataset.taking) return;
  if (performance.now() - lastRead < (offline ? offlineRefreshMs : refreshMs)) return;
  lastRead = performance.now();
  refreshing = true;
  client.listServices({ hall })
    .then((list) => { noteHallClock(list); if (!state.ticket && document.getElementById('take')) { update(list); backOnline(); } })
    .catch((error) => { if (unreachable(error) && !state.ticket && document.getElementById('take')) sayOffline(error); })
    .finally(() => { refreshing = false; });
}, 1000);

/** Loads the kiosk, asking for a key first when it has none or `refused` (a credential error) says it is wrong. */
async function start(refused: unknown | null = null): Promise<void> {
  state.ready = false;
  for (;;) {
    if (!device.hasKey || refused != null) {
      device.setKey(await askForKey(root, t().login, refused != null ? describe(refused) : '', refused, loginTexts[scriptOf(language())]));
      refused = null;
    }
    try {
      await load();
      state.ready = true;
      return;
    } catch (e) {
      if (isCredentialError(e)) { device.forget(); refused = e; continue; }
      // The citizen's words (the server out of reach: "Tickets cannot be issued just now ... information desk"), the
      // status for the staff who come to help; the kiosk tries again by itself.
      const shown = h('p', { class: 'error', id: 'error', role: 'alert' }, citizenMessage(e));
      markStatus(shown, e);
      root.replaceChildren(shown);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

void start();
