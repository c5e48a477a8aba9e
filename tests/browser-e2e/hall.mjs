// A hall driven over plain gRPC (HTTP/2, @grpc/grpc-js on the server's own .proto files), for the soak: many calls
// quickly, without going through the kiosk and terminal pages each time; and the other roles of a hall's day (an
// admin opening and closing it) while the pages are watched.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { repoRoot } from '../node-e2e/server.mjs';

const protoRoot = path.join(repoRoot, 'src/QueueCore.Grpc/Protos');
const files = readdirSync(path.join(protoRoot, 'queuecore/v1')).filter((f) => f.endsWith('.proto')).map((f) => `queuecore/v1/${f}`);
const v1 = grpc.loadPackageDefinition(protoLoader.loadSync(files, { includeDirs: [protoRoot], longs: String, enums: String, defaults: true, oneofs: true })).queuecore.v1;

/** Unary calls as promises: `rpc(client, 'callNext', request)`. */
export function connect(address, keys) {
  const credentials = grpc.credentials.createInsecure();
  const kiosk = new v1.Kiosk(address, credentials);
  const terminal = new v1.Terminal(address, credentials);
  const admin = new v1.Admin(address, credentials);
  const evaluator = new v1.Evaluator(address, credentials);
  const call = (client, key, method, request) => new Promise((resolve, reject) => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${key}`);
    client[method](request, metadata, { deadline: Date.now() + 10_000 }, (error, reply) => (error ? reject(error) : resolve(reply)));
  });
  return {
    kiosk: (method, request) => call(kiosk, keys.kiosk, method, request),
    terminal: (method, request) => call(terminal, keys.terminal, method, request),
    /** Needs keys.admin. */
    admin: (method, request) => call(admin, keys.admin, method, request),
    /** Needs keys.evaluator (a pad bound to no window). */
    evaluator: (method, request) => call(evaluator, keys.evaluator, method, request),
    close() { kiosk.close(); terminal.close(); admin.close(); evaluator.close(); },
  };
}
