import { mount } from 'svelte';
import './app/app.css';
import App from './app/App.svelte';
import { createServices } from './app/composition';
import { localeReady } from './i18n';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
// Which build this page is (tests and support can tell two builds apart).
document.documentElement.dataset['build'] = __BUILD_ID__;
const services = createServices();
services.pwa.register();
// The first screen is drawn in the language chosen on an earlier visit.
void localeReady.then(() => mount(App, { target, props: { services } }));
