// Rapport's service worker, written by scripts/post-build.mjs from
// scripts/sw.template.js at every build: VERSION and FILES below are that
// build's, so the list can never go stale.
//
// Every file of a version is cached together before that version serves
// anything; pages are served from the cache first (a deep link reloads
// offline), and a new version waits until the page asks it to take over,
// so no page ever mixes files of two versions.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const SCOPE = new URL('./', self.location).href;
// Every project page of an account shares one origin: caches are named by
// scope, and only this scope's old ones are removed.
const PREFIX = `rapport ${SCOPE} `;
const CACHE = PREFIX + VERSION;

// Trunk names the build's outputs by their content (rapport-<hash>.js,
// rapport-<hash>_bg.wasm, favicon-<hash>.svg; the hash is a 64-bit number in
// hex without leading zeros, so up to 16 digits), and the screens' chunks
// live in a folder named after the build (split-<key>/): whatever copy the
// browser already holds of one is this version's, so the page's own
// download serves (the first visit fetches the wasm once, not twice). Any
// other file (index.html, the manifest…) is fetched anew, never an older
// version's copy.
const HASHED = /^(rapport|favicon)-[0-9a-f]{1,16}(_bg)?\.(js|wasm|svg)$|^split-[0-9a-f]{16}\//;

self.addEventListener('install', (event) => {
  const request = (file) => new Request(file, { cache: HASHED.test(file) ? 'default' : 'reload' });
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(request))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  // A page that opened while this version was activating (a reload during
  // the first install) or bypassing it (a hard reload) asks to be taken over.
  else if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Any page of the app is the app: index.html routes it.
      const cached = await cache.match(request.mode === 'navigate' ? 'index.html' : request, { ignoreSearch: true });
      return cached ?? fetch(request);
    })(),
  );
});
