/**
 * Hash routes, so a reload (or reopening the installed app) comes back to the same screen and the
 * app works from any static folder without server-side routing.
 *
 *   #/                               start screen (strategy list)
 *   #/s/<sid>                        strategy overview
 *   #/s/<sid>/goal/<id>              basic goal
 *   #/s/<sid>/measure/<id>           measure
 *   #/s/<sid>/project/<id>[/y/<fy>]  project (and the fiscal year shown)
 *   #/s/<sid>/dashboard?fy=…&goal=…  progress dashboard with its filters
 *   #/s/<sid>/kpi/<id>?fy=…          KPI detail (chart, rank, explanation)
 *   #/s/<sid>/meeting?fy=…&at=…&behind=1  committee meeting mode at one slide
 *   #/s/<sid>/export                 write a bundle file
 *   #/import                         read a bundle file (new strategy or merge)
 *   #/sheets                         a spreadsheet as the first step of a new strategy
 *   #/s/<sid>/reports?kind=…&fy=…     printable reports (A4), see features/reports
 *   #/s/<sid>/sheets                 spreadsheet export and import (CSV / xlsx)
 *   #/s/<sid>/todo?fy=…               a department copy's 入力してほしい項目 and 返送
 *   #/settings                       settings and storage status
 */
import type { StartMarker } from './start-marker';
import type { DashboardFilters } from '../domain/achievement/dashboard';

export type { DashboardFilters };

export const NO_FILTERS: DashboardFilters = { fy: null, goal: null, dept: null, rank: null, verdict: null };

/** Whether the dashboard is narrowed to a goal, department, rank or verdict (the year aside). */
export const narrowed = (f: DashboardFilters) => !!(f.goal || f.dept || f.rank || f.verdict);

export type Route =
  | { name: 'home' }
  | { name: 'settings' }
  | { name: 'import' }
  | { name: 'sheetsNew' }
  | { name: 'export'; sid: string }
  | { name: 'reports'; sid: string; params: Record<string, string> }
  | { name: 'sheets'; sid: string }
  | { name: 'todo'; sid: string; fy: number | null }
  | { name: 'strategy'; sid: string }
  | { name: 'goal'; sid: string; id: string }
  | { name: 'measure'; sid: string; id: string }
  | { name: 'project'; sid: string; id: string; year: number | null }
  | { name: 'dashboard'; sid: string; filters: DashboardFilters }
  | { name: 'kpi'; sid: string; id: string; fy: number | null }
  | { name: 'meeting'; sid: string; fy: number | null; at: string | null; behind: boolean };

const yearParam = (v: string | null) => (v && /^\d{4}$/.test(v) ? Number(v) : null);

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'import') return { name: 'import' };
  if (parts[0] === 'sheets') return { name: 'sheetsNew' };
  if (parts[0] === 's' && parts[1]) {
    const sid = parts[1];
    const [kind, id, y, year] = parts.slice(2);
    if (kind === 'goal' && id) return { name: 'goal', sid, id };
    if (kind === 'measure' && id) return { name: 'measure', sid, id };
    if (kind === 'project' && id) return { name: 'project', sid, id, year: y === 'y' ? yearParam(year ?? null) : null };
    if (kind === 'kpi' && id) return { name: 'kpi', sid, id, fy: yearParam(params.get('fy')) };
    if (kind === 'export') return { name: 'export', sid };
    if (kind === 'reports') return { name: 'reports', sid, params: Object.fromEntries(params.entries()) };
    if (kind === 'sheets') return { name: 'sheets', sid };
    if (kind === 'todo') return { name: 'todo', sid, fy: yearParam(params.get('fy')) };
    if (kind === 'meeting')
      return { name: 'meeting', sid, fy: yearParam(params.get('fy')), at: params.get('at'), behind: params.get('behind') === '1' };
    if (kind === 'dashboard')
      return {
        name: 'dashboard',
        sid,
        filters: {
          fy: yearParam(params.get('fy')),
          goal: params.get('goal'),
          dept: params.get('dept'),
          rank: params.get('rank'),
          verdict: params.get('verdict'),
        },
      };
    return { name: 'strategy', sid };
  }
  return { name: 'home' };
}

function query(values: Record<string, string | number | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'import':
      return '#/import';
    case 'sheetsNew':
      return '#/sheets';
    case 'export':
      return `#/s/${route.sid}/export`;
    case 'reports':
      return `#/s/${route.sid}/reports${query(route.params)}`;
    case 'sheets':
      return `#/s/${route.sid}/sheets`;
    case 'todo':
      return `#/s/${route.sid}/todo${query({ fy: route.fy })}`;
    case 'strategy':
      return `#/s/${route.sid}`;
    case 'goal':
    case 'measure':
      return `#/s/${route.sid}/${route.name}/${route.id}`;
    case 'project':
      return `#/s/${route.sid}/project/${route.id}${route.year ? `/y/${route.year}` : ''}`;
    case 'dashboard':
      return `#/s/${route.sid}/dashboard${query({ ...route.filters })}`;
    case 'kpi':
      return `#/s/${route.sid}/kpi/${route.id}${query({ fy: route.fy })}`;
    case 'meeting':
      return `#/s/${route.sid}/meeting${query({ fy: route.fy, at: route.at, behind: route.behind ? 1 : null })}`;
  }
}

export class Router {
  route = $state<Route>({ name: 'home' });
  /**
   * The screen (address) that started last time and never finished rendering: the app opened the
   * strategy list instead (see ./start-marker.ts, openStartMarker). Null when the last screen finished, or once the
   * note about it is dismissed.
   */
  unfinished = $state<string | null>(null);
  readonly marker: StartMarker | null;

  constructor(marker: StartMarker | null = null, unfinished: string | null = null) {
    this.marker = marker;
    if (typeof window === 'undefined') return;
    if (unfinished !== null) {
      this.unfinished = unfinished;
      // Whatever the address says, start on the list: the screen that broke may be any of the others.
      if (parseRoute(window.location.hash).name !== 'home') history.replaceState(null, '', '#/');
    }
    this.#set(parseRoute(window.location.hash));
    window.addEventListener('hashchange', () => {
      this.#set(parseRoute(window.location.hash));
    });
  }

  go(route: Route, replace = false): void {
    const hash = routeHash(route);
    if (replace) history.replaceState(null, '', hash);
    else if (window.location.hash !== hash) history.pushState(null, '', hash);
    this.#set(route);
  }

  /** Every screen change writes the start marker before the screen renders. */
  #set(route: Route): void {
    this.marker?.starting(routeHash(route));
    this.route = route;
  }
}
