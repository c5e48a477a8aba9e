// Starts the built QueueCore gRPC server (Release output) on free local ports with the given devices, and stops it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The server's build output: QUEUECORE_GRPC_DLL, or the Release build under src/QueueCore.Grpc. */
export const serverDll = process.env.QUEUECORE_GRPC_DLL
  ?? path.join(repoRoot, 'src/QueueCore.Grpc/bin/Release/net10.0/QueueCore.Grpc.dll');

/** Ports nobody listens on now: all held open together (so they differ), then released for the server. */
async function freePorts(count) {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/**
 * Starts the server. `devices` are { id, role, halls, window, key } entries, passed as configuration
 * (QueueCoreServer:Devices) through environment variables, so keys do not show in the process list.
 * `ports` ({ grpc, web }) fixes the ports, e.g. to start the server again where its clients were connected.
 * `journal`: the journal directory of a server stopped before, to start it again on its journal (a fresh one by default).
 * Returns { address, web, ports, journal, output(), exited, stop() }.
 */
export async function startServer(devices, ports = undefined, journal = undefined) {
  if (!existsSync(serverDll)) {
    throw new Error(`${serverDll} is missing: build first (dotnet build QueueCore.sln -c Release), or set QUEUECORE_GRPC_DLL.`);
  }

  const [grpcPort, webPort] = ports ? [ports.grpc, ports.web] : await freePorts(2);
  const contentRoot = path.dirname(serverDll); // appsettings.json is copied next to the dll
  const env = { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' };
  // A journal of its own (the server journals by default): every test starts from a fresh demo hall.
  env.QueueCore__Engine__Journal__Directory = journal ?? mkdtempSync(path.join(tmpdir(), 'queuecore-e2e-'));
  devices.forEach((device, i) => {
    const prefix = `QueueCoreServer__Devices__${i}__`;
    env[`${prefix}Id`] = device.id;
    env[`${prefix}Role`] = device.role;
    (device.halls ?? ['*']).forEach((hall, h) => { env[`${prefix}Halls__${h}`] = hall; });
    env[`${prefix}Window`] = String(device.window ?? 0);
    env[`${prefix}Key`] = device.key;
  });

  const child = spawn('dotnet', [
    serverDll,
    `--contentRoot=${contentRoot}`,
    `--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:${grpcPort}`,
    `--Kestrel:Endpoints:Web:Url=http://127.0.0.1:${webPort}`,
  ], { cwd: contentRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });

  // The server's log, kept to print when something fails.
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter((l) => l.length > 0));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => { running = false; });
  const killNow = () => { if (running) child.kill('SIGKILL'); };
  // A crashed or interrupted test run must not leave the server behind.
  const onSignal = (signal) => { killNow(); process.exit(signal === 'SIGINT' ? 130 : 143); };
  process.once('exit', killNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  return {
    address: `127.0.0.1:${grpcPort}`,
    /** The HTTP/1.1 endpoint: gRPC-Web and the browser pages. */
    web: `http://127.0.0.1:${webPort}`,
    ports: { grpc: grpcPort, web: webPort },
    /** The journal's directory: pass it to startServer again to start this server again on its journal. */
    journal: env.QueueCore__Engine__Journal__Directory,
    pid: child.pid,
    output: () => lines.join('\n'),
    isRunning: () => running,
    exited,
    /** SIGTERM (graceful shutdown), SIGKILL if it has not exited within `graceMs`. */
    async stop(graceMs = 5000) {
      if (running) {
        child.kill('SIGTERM');
        const timer = setTimeout(killNow, graceMs);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killNow);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
}
