// The tablet app's service worker: the app and its libraries are kept on the device so the
// app opens without signal. Online, each file comes from the network (so an update shows at
// once); offline, or when the network takes too long, from the device. API calls are never
// cached here: the app keeps what it needs in IndexedDB.

const CACHE = 'clearway-tablet-v1';
const SHELL = [
  '/tablet/',
  '/tablet/app.js',
  '/tablet/store.js',
  '/tablet/sync.js',
  '/tablet/inspection-state.js',
  '/tablet/screens/queue.js',
  '/tablet/screens/inspection.js',
  '/tablet/screens/vehicle.js',
  '/tablet/screens/outcome.js',
  '/tablet/manifest.webmanifest',
  '/assets/common/icon.svg',
  '/assets/common/style.css',
  '/assets/common/api.js',
  '/assets/common/i18n.js',
  '/assets/common/session.js',
  '/assets/common/ui.js',
  '/assets/common/vin.js',
  '/assets/common/locales/en.js',
  '/assets/common/locales/zh-CN.js',
  '/assets/lib/preact/dist/preact.mjs',
  '/assets/lib/preact/hooks/dist/hooks.mjs',
  '/assets/lib/htm/dist/htm.module.js',
  '/assets/lib/htm/preact/index.module.js',
  '/assets/lib/idb/index.js',
  '/assets/lib/i18next/i18next.js',
];
const NETWORK_PATIENCE_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const ours = url.origin === location.origin && /^\/(tablet|assets)\//.test(url.pathname);
  if (event.request.method !== 'GET' || !ours) return;
  event.respondWith(networkThenDevice(event.request));
});

async function networkThenDevice(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withPatience(fetch(request));
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch {
    const kept = await cache.match(request, { ignoreSearch: true });
    return kept || Response.error();
  }
}

function withPatience(promise) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the network is too slow')), NETWORK_PATIENCE_MS);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
