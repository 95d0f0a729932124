/** Access to the app's services from any component below App (Svelte context). */
import { getContext, setContext } from 'svelte';
import type { AppServices } from './composition';

const KEY = Symbol('services');

export function provideServices(services: AppServices): void {
  setContext(KEY, services);
}

export function services(): AppServices {
  const s = getContext<AppServices | undefined>(KEY);
  if (!s) throw new Error('services not provided');
  return s;
}
