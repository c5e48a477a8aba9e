// A command's request id (a UUID, version 4), so a retry of a command whose answer was lost is not done twice.
//
// crypto.randomUUID() exists only in a secure context (HTTPS, or localhost): the server serves the pages over plain
// HTTP on the hall's network (port 5081), where a desk PC's terminal said "Crypto.randomUUID is not a function" at its
// first key and the kiosk issued nothing. crypto.getRandomValues() is there in every context.
export function requestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // the RFC 4122 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
