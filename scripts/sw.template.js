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

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })))),
  );
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
