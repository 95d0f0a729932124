import { mount } from 'svelte';
import './app/app.css';
import App from './app/App.svelte';
import { createServices } from './app/composition';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
const services = createServices();
services.pwa.register();
mount(App, { target, props: { services } });
