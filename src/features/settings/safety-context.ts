/** The safety service among the app's services, for the components of this folder. */
import { services } from '../../state/services';
import type { AppServices } from '../../state/services';
import type { Safety } from '../../safety/safety.svelte';

/** composition.ts builds it; null where an app shell without it is mounted (nothing is shown then). */
export function safetyService(): Safety | null {
  return (services() as AppServices & { safety?: Safety }).safety ?? null;
}
