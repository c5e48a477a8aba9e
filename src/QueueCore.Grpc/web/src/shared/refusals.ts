// A server's refusal in the hall's language. The server writes its sentences in English and puts the kind of error in
// the status details (google.rpc.ErrorInfo, domain "queuecore", its reason the QueueError name: "Closed",
// "LimitReached", "NothingWaiting", ...; Mapping/GrpcErrors.cs), so a page can say the refusals it knows by their kind
// in the hall's language and show the server's sentence for any other. The status and the server's own words stay in
// the element's data-status and title for support (markStatus).
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { ConnectError } from '@connectrpc/connect';
import { describe } from './device';

/** The error kind the server put in the status details (ErrorInfo.reason), or '' when it sent none. */
export function reasonOf(error: unknown): string {
  for (const detail of ConnectError.from(error).details) {
    if (!('type' in detail) || detail.type !== 'google.rpc.ErrorInfo') continue;
    try {
      // ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }: only the reason is read.
      const reader = new BinaryReader(detail.value);
      while (reader.pos < reader.len) {
        const [field, type] = reader.tag();
        if (field === 1 && type === WireType.LengthDelimited) return reader.string();
        reader.skip(type);
      }
    } catch { /* a detail that does not decode: no kind to go by */ }
  }
  return '';
}

/**
 * What the page says for a refusal of kind `reason`, given the server's sentence; undefined: the server's sentence.
 * A function sees the server's (English) sentence, for kinds that cover several cases ("LimitReached": a daily cap, a
 * full hall, recalls).
 */
export type Refusals = Partial<Record<string, string | ((serverSentence: string) => string | undefined)>>;

/** The refusal in the hall's words when `refusals` has its kind, else the server's sentence (describe). */
export function sayRefusal(error: unknown, refusals: Refusals): string {
  const e = ConnectError.from(error);
  const said = refusals[reasonOf(e)];
  const text = typeof said === 'function' ? said(e.rawMessage || e.message) : said;
  return text ?? describe(e);
}
