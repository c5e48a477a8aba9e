// Bundles the pages into dist/ (copied beside the server as browser/ by QueueCore.Grpc.csproj): one script per page,
// the shared stylesheet and the HTML pages. `node build.mjs --watch` rebuilds on change while developing.
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: {
    screen: path.join(here, 'src/screen/main.ts'),
    terminal: path.join(here, 'src/terminal/main.ts'),
    kiosk: path.join(here, 'src/kiosk/main.ts'),
    evaluator: path.join(here, 'src/evaluator/main.ts'),
    dashboard: path.join(here, 'src/dashboard/main.ts'),
    notfound: path.join(here, 'src/notfound/main.ts'),
  },
  outdir: dist,
  bundle: true,
  format: 'esm',
  // bigint (int64 fields) and fetch streams: every browser a hall screen runs today.
  target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
for (const file of readdirSync(path.join(here, 'pages'))) {
  copyFileSync(path.join(here, 'pages', file), path.join(dist, file));
}

if (watch) {
  const ctx = await context(options);
  await ctx.watch();
  console.log('watching src/ (pages/ are copied once; restart to pick up HTML changes)');
} else {
  await build(options);
  // The server's build compares this stamp with the sources to know whether to build again.
  writeFileSync(path.join(dist, '.stamp'), new Date().toISOString() + '\n');
}
