/**
 * Safari on iPad and iPhone deletes a site's stored data (IndexedDB included) after 7 days without
 * a visit, unless the site was added to the home screen; a home-screen app is kept, and may be
 * granted persistent storage. So on iOS/iPadOS Safari, not yet installed, the app asks once to be
 * added to the home screen, and once installed it asks for persistent storage.
 */
export interface BrowserFacts {
  userAgent: string;
  maxTouchPoints: number;
  /** navigator.standalone (iOS) or display-mode: standalone. */
  standalone: boolean;
}

/** Safari on iPhone or iPad (an iPad asks for desktop pages and says "Macintosh", but has touch). */
export function isAppleMobileSafari(f: Pick<BrowserFacts, 'userAgent' | 'maxTouchPoints'>): boolean {
  const ua = f.userAgent;
  const apple = /iPad|iPhone|iPod/.test(ua) || (/Macintosh/.test(ua) && f.maxTouchPoints > 0);
  // Chrome, Firefox, Edge and in-app browsers on iOS use WebKit too, but cannot add to the home screen the same way.
  const otherBrowser = /CriOS|FxiOS|EdgiOS|OPiOS|GSA\/|Line\/|FBAN|FBAV|Instagram/.test(ua);
  return apple && !otherBrowser && /Safari\//.test(ua) && /Version\//.test(ua);
}

/** Should the 「ホーム画面に追加」 guide be offered (Safari on iOS/iPadOS, not installed)? */
export function needsHomeScreenGuide(f: BrowserFacts): boolean {
  return !f.standalone && isAppleMobileSafari(f);
}

/** The facts of this browser. */
export function browserFacts(): BrowserFacts {
  const nav = navigator as Navigator & { standalone?: boolean };
  const standalone = nav.standalone === true || (typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches);
  return { userAgent: nav.userAgent, maxTouchPoints: nav.maxTouchPoints ?? 0, standalone };
}
