// The page a malformed page address gets (404): it says what the addresses are, and takes a device key given as ?key=
// out of the address bar and the browser's history, as the pages do. A key left there is read over a shoulder, or by
// the next person at that browser, and a mistyped address is exactly where an installer pastes one.
const url = new URL(location.href);
if (url.searchParams.has('key')) {
  url.searchParams.delete('key');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export {}; // a module, as every page's script is (its names stay its own)
