// A TCP proxy in front of the server's web port, so a test can cut the network under a page: drop() resets every
// connection and refuses new ones until restore(), as a pulled cable or a rebooted switch would; silence() lets the
// open connections die without a word.
import net from 'node:net';

export async function startProxy(targetPort) {
  const sockets = new Set();
  const silenced = new Set(); // paused: they see no close from the other side, so close() ends them
  let blocked = false;
  const server = net.createServer((client) => {
    if (blocked) { client.resetAndDestroy(); return; }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => { sockets.delete(a); b.destroy(); });
      a.pipe(b);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    drop() {
      blocked = true;
      for (const s of sockets) s.resetAndDestroy?.() ?? s.destroy();
    },
    restore() { blocked = false; },
    /** The connections open now go silent without closing (a NAT that forgot them); new ones work. */
    silence() {
      for (const s of sockets) { s.unpipe(); s.pause(); silenced.add(s); }
      sockets.clear();
    },
    close() {
      this.drop();
      for (const s of silenced) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
