// End to end with an independent client: @grpc/grpc-js loads the server's own .proto files at run time (no code
// generated from them), starts the built server, and plays a ticket from the kiosk to the call screen.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { repoRoot, startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const hall = 'city-center'; // the demo hall the server serves when no hall is configured
const callTimeoutMs = 10_000;

// The contracts exactly as the server compiles them (import root src/QueueCore.Grpc/Protos), plus the standard
// health protocol. google/protobuf/duration.proto and timestamp.proto come with proto-loader (protobufjs).
const protoRoot = path.join(repoRoot, 'src/QueueCore.Grpc/Protos');
const contractFiles = readdirSync(path.join(protoRoot, 'queuecore/v1'))
  .filter((f) => f.endsWith('.proto'))
  .map((f) => `queuecore/v1/${f}`);
const definition = protoLoader.loadSync([...contractFiles, 'grpc/health/v1/health.proto'], {
  includeDirs: [protoRoot, path.join(here, 'protos')],
  keepCase: false, // camelCase fields: request_id is requestId
  longs: String, // int64 (ticket ids, sequence numbers) as decimal strings
  enums: String, // enum values by name, e.g. 'TICKET_STATE_CALLED'
  defaults: true,
  oneofs: true, // a oneof's case name in a virtual field (DisplayUpdate.update)
});
const proto = grpc.loadPackageDefinition(definition);
const v1 = proto.queuecore.v1;

// The error details as any client reads them: grpc-status-details-bin is a google.rpc.Status whose details hold a
// google.rpc.ErrorInfo (googleapis' google/rpc/status.proto and error_details.proto; copies of them under protos/).
const rpcRoot = new protobuf.Root();
rpcRoot.resolvePath = (origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(here, 'protos', target));
rpcRoot.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
const RpcStatus = rpcRoot.lookupType('google.rpc.Status');
const ErrorInfo = rpcRoot.lookupType('google.rpc.ErrorInfo');

/** The google.rpc.ErrorInfo in a failed call's grpc-status-details-bin, with the Status around it. */
function errorInfo(error) {
  const [bin] = error.metadata.get('grpc-status-details-bin');
  assert.ok(bin, `the ${grpc.status[error.code]} refusal carries grpc-status-details-bin`);
  const status = RpcStatus.decode(bin);
  assert.equal(status.code, error.code, 'the details\' code is the call\'s status');
  assert.equal(status.message, error.details, 'the details\' message is the call\'s');
  assert.equal(status.details.length, 1);
  assert.equal(status.details[0].type_url, 'type.googleapis.com/google.rpc.ErrorInfo');
  return ErrorInfo.decode(status.details[0].value);
}

// One random key per device and run: nothing secret is ever written to a file.
const newKey = (role) => `node-e2e-${role}-${randomBytes(16).toString('hex')}`;
const keys = { kiosk: newKey('kiosk'), terminal: newKey('terminal'), display: newKey('display') };
const devices = [
  { id: 'node-kiosk', role: 'kiosk', halls: ['*'], key: keys.kiosk },
  { id: 'node-terminal-1', role: 'terminal', halls: [hall], window: 1, key: keys.terminal },
  { id: 'node-display', role: 'display', halls: [hall], key: keys.display },
];

let server;
let clients;

function auth(key) {
  const metadata = new grpc.Metadata();
  if (key) metadata.set('authorization', `Bearer ${key}`);
  return metadata;
}

/** A unary call as a promise, with a deadline. */
function unary(client, method, request, key) {
  return new Promise((resolve, reject) => {
    client[method](request, auth(key), { deadline: Date.now() + callTimeoutMs }, (error, reply) => {
      if (error) reject(error); else resolve(reply);
    });
  });
}

/** Rejects unless `promise` fails with gRPC status `code`. */
async function assertStatus(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, code, `expected ${grpc.status[code]}, got ${grpc.status[error.code]}: ${error.details}`);
    return true;
  });
}

/** A server stream whose messages are kept; `next(predicate)` waits for the first one that matches. */
function collect(stream) {
  const messages = [];
  const waiters = [];
  let failure = null;
  stream.on('data', (message) => {
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.predicate(message)) w.done(null, message);
    }
  });
  stream.on('error', (error) => {
    if (error.code === grpc.status.CANCELLED) return; // we cancelled it
    failure = error;
    for (const w of [...waiters]) w.done(error);
  });
  return {
    messages,
    cancel: () => stream.cancel(),
    next(predicate, timeoutMs, what) {
      const seen = messages.find(predicate);
      if (seen) return Promise.resolve(seen);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          done(error, message) {
            clearTimeout(waiter.timer);
            waiters.splice(waiters.indexOf(waiter), 1);
            if (error) reject(error); else resolve(message);
          },
        };
        waiter.timer = setTimeout(() => waiter.done(new Error(
          `no ${what} within ${timeoutMs} ms; the stream brought: ${JSON.stringify(messages.map((m) => m.update))}`)), timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

/** Waits until the health service answers SERVING (the server listens and its engine runs). */
async function waitUntilServing(health, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    if (!server.isRunning()) {
      throw new Error(`the server exited before it was ready:\n${server.output()}`);
    }
    try {
      const reply = await new Promise((resolve, reject) => {
        health.check({ service: '' }, { deadline: Date.now() + 1000 }, (e, r) => (e ? reject(e) : resolve(r)));
      });
      if (reply.status === 'SERVING') return;
      last = reply.status;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server was not serving after ${timeoutMs} ms (${last}):\n${server.output()}`);
}

/** Runs a test body; on failure, prints the end of the server's log beside the error. */
function withServerLog(body) {
  return async (t) => {
    try {
      await body(t);
    } catch (error) {
      console.error(`--- server log (last lines) ---\n${server?.output().split('\n').slice(-40).join('\n')}\n---`);
      throw error;
    }
  };
}

before(async () => {
  server = await startServer(devices);
  const address = server.address;
  const insecure = grpc.credentials.createInsecure();
  clients = {
    health: new proto.grpc.health.v1.Health(address, insecure),
    kiosk: new v1.Kiosk(address, insecure),
    terminal: new v1.Terminal(address, insecure),
    display: new v1.Display(address, insecure),
  };
  const started = Date.now();
  await waitUntilServing(clients.health, 45_000);
  console.log(`# server ready at ${address} (pid ${server.pid}) in ${Date.now() - started} ms`);
}, { timeout: 60_000 });

after(async () => {
  for (const client of Object.values(clients ?? {})) client.close();
  await server?.stop();
});

test('a ticket taken at the kiosk is called at window 1 and shown on the call screen', { timeout: 30_000 }, withServerLog(async () => {
  // The call screen watches the hall first: a snapshot, then live updates.
  const screen = collect(clients.display.watch({ hall }, auth(keys.display)));
  try {
    const snapshot = await screen.next((u) => u.update === 'snapshot', 5000, 'snapshot');
    assert.equal(snapshot.snapshot.hall, hall);
    const snapshotSequence = BigInt(snapshot.sequence);

    // The kiosk takes a ticket for Business registration (101); a retry with the same request id gets the same ticket.
    const requestId = randomUUID();
    const ticket = await unary(clients.kiosk, 'takeTicket', { hall, services: [101], requestId }, keys.kiosk);
    assert.match(ticket.number, /^A\d+$/, `a Business ticket number starts with A: ${ticket.number}`);
    assert.equal(ticket.hall, hall);
    assert.equal(ticket.state, 'TICKET_STATE_WAITING');
    assert.equal(ticket.service, 101);
    assert.ok(BigInt(ticket.id) > 0n, `ticket id ${ticket.id}`);
    const retried = await unary(clients.kiosk, 'takeTicket', { hall, services: [101], requestId }, keys.kiosk);
    assert.equal(retried.number, ticket.number, 'a retry with the same request_id returns the same ticket number');
    assert.equal(retried.id, ticket.id);

    // The clerk opens window 1 and calls the next ticket: ours, the only one waiting.
    const opened = await unary(clients.terminal, 'openWindow', { hall, window: 1, requestId: randomUUID() }, keys.terminal);
    assert.equal(opened.window, 1);
    assert.equal(opened.state, 'WINDOW_STATE_IDLE');
    const called = await unary(clients.terminal, 'callNext', { hall, window: 1, requestId: randomUUID() }, keys.terminal);
    assert.equal(called.number, ticket.number, 'the terminal names the ticket it called');
    assert.equal(called.id, ticket.id);
    assert.equal(called.window, 1);
    assert.equal(called.state, 'TICKET_STATE_CALLED');

    // The screen shows the call: that number to window 1, with a sequence number after the snapshot's.
    const update = await screen.next(
      (u) => u.update === 'call' && u.call.number === ticket.number && u.call.window === 1, 5000,
      `call of ${ticket.number} to window 1`);
    const sequence = BigInt(update.sequence);
    assert.ok(sequence > snapshotSequence, `the call's sequence ${sequence} follows the snapshot's ${snapshotSequence}`);
    assert.ok(sequence <= BigInt(called.sequence), `the call's sequence ${sequence} is at most the terminal reply's ${called.sequence}`);
    assert.equal(BigInt(update.call.sequence), sequence, 'the call carries the update\'s sequence');
    assert.equal(update.call.ticket, ticket.id);
    assert.equal(update.call.recall, false);
    assert.ok(update.call.text.includes(ticket.number), `the screen line names the ticket: ${update.call.text}`);
  } finally {
    screen.cancel();
  }
}));

test('a display key may not take tickets (PERMISSION_DENIED)', { timeout: 15_000 }, withServerLog(async () => {
  await assertStatus(
    unary(clients.kiosk, 'takeTicket', { hall, services: [101], requestId: randomUUID() }, keys.display),
    grpc.status.PERMISSION_DENIED);
}));

test('a call without a key is refused (UNAUTHENTICATED)', { timeout: 15_000 }, withServerLog(async () => {
  await assertStatus(
    unary(clients.kiosk, 'takeTicket', { hall, services: [101], requestId: randomUUID() }, null),
    grpc.status.UNAUTHENTICATED);
}));

test('a call with an unknown key is refused (UNAUTHENTICATED)', { timeout: 15_000 }, withServerLog(async () => {
  await assertStatus(
    unary(clients.kiosk, 'takeTicket', { hall, services: [101], requestId: randomUUID() }, newKey('unknown')),
    grpc.status.UNAUTHENTICATED);
}));

test('a refusal carries its kind as a google.rpc.ErrorInfo in grpc-status-details-bin', { timeout: 15_000 }, withServerLog(async () => {
  // Refusals of the server's scope check (the terminal is bound to window 1), of the engine and of authentication.
  const scope = await unary(clients.terminal, 'callNext', { hall, window: 2 }, keys.terminal).then(
    () => assert.fail('a terminal of window 1 called at window 2'), (error) => error);
  assert.equal(scope.code, grpc.status.PERMISSION_DENIED, scope.details);
  assert.deepEqual({ ...errorInfo(scope) }, { reason: 'PermissionDenied', domain: 'queuecore', metadata: {} });

  const nothing = await unary(clients.kiosk, 'getTicket', { hall, ticket: 999999 }, keys.kiosk).then(
    () => assert.fail('GetTicket of an unknown ticket succeeded'), (error) => error);
  assert.equal(nothing.code, grpc.status.NOT_FOUND, nothing.details);
  assert.deepEqual({ ...errorInfo(nothing) }, { reason: 'UnknownTicket', domain: 'queuecore', metadata: {} });

  const anonymous = await unary(clients.kiosk, 'listServices', { hall }, null).then(
    () => assert.fail('a call without a key succeeded'), (error) => error);
  assert.equal(anonymous.code, grpc.status.UNAUTHENTICATED);
  assert.equal(errorInfo(anonymous).reason, 'Unauthenticated');
}));

/** The ```js block of README.md's "## Connecting a client" section, exactly as a reader copies it. */
function readmeNodeClient() {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8').replace(/\r\n/g, '\n');
  const section = readme.split('\n## Connecting a client\n')[1]?.split('\n## ')[0];
  assert.ok(section, 'README.md has a "## Connecting a client" section');
  const block = /\n```js\n([\s\S]*?)\n```\n/.exec(section);
  assert.ok(block, 'README.md\'s "Connecting a client" has a ```js block (the Node.js client)');
  return block[1];
}

test('the README\'s Node.js kiosk takes a ticket from the server, run as the README says', { timeout: 60_000 }, withServerLog(async () => {
  // Saved in a folder of its own (here, under this package, whose node_modules has @grpc/grpc-js and proto-loader)
  // and run from the repository's root with the kiosk's key, as the README tells a reader to.
  const folder = mkdtempSync(path.join(here, '.readme-client-'));
  try {
    const script = path.join(folder, 'kiosk.mjs');
    writeFileSync(script, readmeNodeClient());
    const { code, stdout, stderr } = await new Promise((resolve) => {
      execFile(process.execPath, [script], {
        cwd: repoRoot,
        env: { ...process.env, KIOSK: keys.kiosk, QUEUECORE_ADDRESS: server.address },
        timeout: 45_000,
      }, (error, out, err) => resolve({ code: error ? (error.code ?? error.signal) : 0, stdout: out, stderr: err }));
    });
    assert.equal(code, 0, `the README's client failed:\n${stdout}${stderr}`);
    // A Business registration ticket (prefix A) as the server issued it, with its place in the queue.
    assert.match(stdout, /^A\d+: \d+ ahead of you$/m, `the README's client prints its ticket:\n${stdout}${stderr}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}));
