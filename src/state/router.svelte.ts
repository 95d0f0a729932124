/**
 * Hash routes, so a reload (or reopening the installed app) comes back to the same screen and the
 * app works from any static folder without server-side routing.
 *
 *   #/                          start screen (strategy list)
 *   #/s/<sid>                   strategy overview
 *   #/s/<sid>/goal/<id>         basic goal
 *   #/s/<sid>/measure/<id>      measure
 *   #/s/<sid>/project/<id>      project (optionally /y/<fiscalYear>)
 *   #/settings                  settings and storage status
 */
export type Route =
  | { name: 'home' }
  | { name: 'settings' }
  | { name: 'strategy'; sid: string }
  | { name: 'goal'; sid: string; id: string }
  | { name: 'measure'; sid: string; id: string }
  | { name: 'project'; sid: string; id: string; year: number | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 's' && parts[1]) {
    const sid = parts[1];
    const [kind, id, y, year] = parts.slice(2);
    if (kind === 'goal' && id) return { name: 'goal', sid, id };
    if (kind === 'measure' && id) return { name: 'measure', sid, id };
    if (kind === 'project' && id) {
      const fy = y === 'y' && year && /^\d{4}$/.test(year) ? Number(year) : null;
      return { name: 'project', sid, id, year: fy };
    }
    return { name: 'strategy', sid };
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'strategy':
      return `#/s/${route.sid}`;
    case 'goal':
    case 'measure':
      return `#/s/${route.sid}/${route.name}/${route.id}`;
    case 'project':
      return `#/s/${route.sid}/project/${route.id}${route.year ? `/y/${route.year}` : ''}`;
  }
}

export class Router {
  route = $state<Route>({ name: 'home' });

  constructor() {
    if (typeof window === 'undefined') return;
    this.route = parseRoute(window.location.hash);
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(window.location.hash);
    });
  }

  go(route: Route, replace = false): void {
    const hash = routeHash(route);
    if (replace) history.replaceState(null, '', hash);
    else if (window.location.hash !== hash) history.pushState(null, '', hash);
    this.route = route;
  }
}
