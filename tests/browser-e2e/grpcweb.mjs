// Rewrites a gRPC-Web answer on its way to a page, for what a test cannot make the server say: the kiosk's service list
// as if it were a night the hall's clocks change (the server's clock is the machine's).
import path from 'node:path';
import protobuf from 'protobufjs';
import { repoRoot } from '../node-e2e/server.mjs';

const root = new protobuf.Root();
const protos = path.join(repoRoot, 'src/QueueCore.Grpc/Protos');
root.resolvePath = (origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(protos, target));
root.loadSync(['queuecore/v1/kiosk.proto', 'queuecore/v1/display.proto']);

/**
 * Every answer of `method` ("queuecore.v1.Kiosk/ListServices") to `page` goes through `change(message)` (a plain
 * object as protobufjs decodes it, longs as numbers), re-encoded as `type` ("queuecore.v1.ServiceList").
 */
export async function rewriteAnswers(page, method, type, change) {
  const messageType = root.lookupType(type);
  await page.route(`**/${method}`, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    const frames = [];
    for (let at = 0; at + 5 <= body.length;) {
      const flag = body[at];
      const length = body.readUInt32BE(at + 1);
      let data = body.subarray(at + 5, at + 5 + length);
      if (flag === 0) {
        const message = messageType.toObject(messageType.decode(data), { longs: Number, defaults: true });
        change(message);
        data = Buffer.from(messageType.encode(messageType.fromObject(message)).finish());
      }
      const header = Buffer.alloc(5);
      header[0] = flag;
      header.writeUInt32BE(data.length, 1);
      frames.push(header, data);
      at += 5 + length;
    }
    await route.fulfill({ response, body: Buffer.concat(frames) });
  });
}

/** A gRPC-Web request's message (a page's request body), as `type` ("queuecore.v1.TakeTicketRequest"), longs as numbers. */
export function decodeRequest(body, type) {
  const messageType = root.lookupType(type);
  const length = body.readUInt32BE(1);
  return messageType.toObject(messageType.decode(body.subarray(5, 5 + length)), { longs: Number, defaults: true });
}
