// Finds Chromium and starts the built server for the browser tests.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serverDll, startServer } from '../node-e2e/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const artifacts = path.join(here, 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Debian's chromium (eng/test.sh installs it), or CHROMIUM_PATH. No browser is downloaded: a missing one fails the run. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`No Chromium found (looked at ${candidates.join(', ')}): install Debian's chromium package (eng/test.sh does) or set CHROMIUM_PATH.`);
  }
  return found;
}

/** Chromium, headless; `args`: more of its switches (a host name mapped to the server, as a hall's network names it). */
export async function launch(args = []) {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Speech may play without a click (a hall screen has nobody to click it); performance.memory with real figures.
    args: ['--autoplay-policy=no-user-gesture-required', '--enable-precise-memory-info', '--disable-gpu', ...args],
  });
}

/** The built server with these devices, ready to serve pages (the browser pages must have been built with it); `ports`
 * and `journal` (a stopped server's) start it again where it was. */
export async function startPagesServer(devices, ports = undefined, journal = undefined) {
  const pages = path.join(path.dirname(serverDll), 'browser', 'screen.js');
  if (!existsSync(pages)) {
    throw new Error(`${pages} is missing: the server's build builds the browser pages (needs npm); build it with dotnet build -c Release.`);
  }
  const server = await startServer(devices, ports, journal);
  // As node-e2e allows: a loaded CI machine once took past 30 s to open the day with a durable journal.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${server.web}/`);
      if (response.ok) return server;
    } catch { /* not listening yet */ }
    if (!server.isRunning() || Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not start:\n${server.output().split('\n').slice(-40).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
