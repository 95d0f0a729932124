import { mount } from 'svelte';
import './app/app.css';
import App from './app/App.svelte';
import { createServices, startCheck, startReading } from './app/composition';
import { localeReady } from './i18n';
import { prefetchScreen, startingRoute } from './app/screens';

// The screen about to show starts loading now, while the database opens (app/screens.ts), and
// so does the first part of its strategy (storage/early-read.ts).
const startRoute = startingRoute(location.hash);
prefetchScreen(startRoute);
const early = startReading(startRoute);
const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
// Which build this page is (tests and support can tell two builds apart).
document.documentElement.dataset['build'] = __BUILD_ID__;
// Whether the last screen of this tab (or of a tab now gone) did not finish rendering, before
// the first screen starts (state/start-marker.ts).
void startCheck().then((start) => {
  const services = createServices(start, early);
  services.pwa.register();
  // The first screen is drawn in the language chosen on an earlier visit.
  return localeReady.then(() => mount(App, { target, props: { services } }));
});
