/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __APP_VERSION__: string;
/** Which build of the app this is (vite.config.ts); the service worker serving it names the same. */
declare const __BUILD_ID__: string;
