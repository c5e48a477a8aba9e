// A page's device credential and its gRPC-Web transport.
//
// A page acts as one device of the server's configuration (QueueCoreServer:Devices) and sends that device's key
// with every call (authorization: Bearer <key>). The key comes from the URL once (?key=..., then removed from the
// address bar) or from the page's login form, and is kept in the browser's localStorage under a name per page, hall
// (and window), so a screen that reloads or restarts after a power cut comes back by itself.
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import type { DescService } from '@bufbuild/protobuf';
import { loginTexts, type LoginTexts } from './login';

export class Device {
  readonly storageName: string;
  private key: string | null;
  readonly transport: Transport;

  constructor(page: string, scope: string) {
    this.storageName = `queuecore.key.${page}.${scope}`;
    const url = new URL(location.href);
    const fromUrl = url.searchParams.get('key');
    if (fromUrl) {
      this.key = fromUrl;
      store(this.storageName, fromUrl);
      url.searchParams.delete('key');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    } else {
      this.key = load(this.storageName);
    }

    const auth: Interceptor = (next) => async (request) => {
      if (this.key) request.header.set('authorization', `Bearer ${this.key}`);
      return next(request);
    };
    // gRPC-Web over the same origin (the server's HTTP/1.1 "Web" endpoint serves both the pages and gRPC-Web).
    this.transport = createGrpcWebTransport({ baseUrl: location.origin, interceptors: [auth] });
  }

  get hasKey(): boolean {
    return !!this.key;
  }

  setKey(key: string): void {
    this.key = key;
    store(this.storageName, key);
  }

  forget(): void {
    this.key = null;
    try { localStorage.removeItem(this.storageName); } catch { /* storage disabled: the key lives in memory only */ }
  }

  client<T extends DescService>(service: T): Client<T> {
    return createClient(service, this.transport);
  }
}

function load(name: string): string | null {
  try { return localStorage.getItem(name); } catch { return null; }
}

function store(name: string, value: string): void {
  try { localStorage.setItem(name, value); } catch { /* storage disabled: the key lives in memory only */ }
}

/** Whether an error means the key is wrong or not allowed here (ask for another one rather than retry). */
export function isCredentialError(error: unknown): boolean {
  const e = ConnectError.from(error);
  return e.code === Code.Unauthenticated || e.code === Code.PermissionDenied;
}

/**
 * An error as a clerk or a citizen reads it: the server's sentence, "Window 3 is not open.", its first letter a capital.
 * The status name ("FailedPrecondition") is for support: see {@link statusName} and {@link forSupport}.
 */
export function describe(error: unknown): string {
  const e = ConnectError.from(error);
  const text = (e.rawMessage || e.message).trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The gRPC status name of an error ("FailedPrecondition"), kept on the element that shows it (data-status) for support. */
export function statusName(error: unknown): string {
  return Code[ConnectError.from(error).code] ?? 'Unknown';
}

/** The status and the server's words, as support reads them: "FailedPrecondition: Window 3 is not open." */
export function forSupport(error: unknown): string {
  const e = ConnectError.from(error);
  return `${statusName(e)}: ${e.rawMessage || e.message}`;
}

/**
 * Marks `element` as showing `error` for support: its status in data-status and, with the server's words, in its title
 * (the text itself is the sentence the user reads). No error: both removed.
 */
export function markStatus(element: HTMLElement, error: unknown | null): void {
  if (error == null) {
    delete element.dataset.status;
    element.removeAttribute('title');
    return;
  }
  element.dataset.status = statusName(error);
  element.title = forSupport(error);
}

/** The path segments after the page's name: /screen/city-center -> ["city-center"]. */
export function routeParts(): string[] {
  return location.pathname.split('/').filter((p) => p.length > 0).slice(1).map(decodeURIComponent);
}

/** A short element builder: h('div', { class: 'x' }, 'text', child). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string | boolean | undefined> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

/**
 * Shows a login form in `host` and resolves with the key typed; `error`, when given, is the refusal that brought it back.
 * `words`: the form's own words in the hall's language (English by default).
 */
export function askForKey(host: HTMLElement, title: string, message: string, error: unknown | null = null, words: LoginTexts = loginTexts.en): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'current-password', required: true, 'aria-label': words.keyName });
    const form = h('form', { class: 'login', id: 'login' },
      h('h1', {}, title),
      h('p', { class: message ? 'error' : 'hint', id: 'login-message' }, message || words.hint),
      h('label', { for: 'key' }, words.key), input,
      h('button', { type: 'submit', id: 'login-submit' }, words.submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (key) resolve(key);
    });
    if (message && error != null) markStatus(form.querySelector<HTMLElement>('#login-message')!, error);
    host.replaceChildren(form);
    input.focus();
  });
}
