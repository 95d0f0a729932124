// The layer rules of src/ (docs/architecture.md, "Layers"), checked on every import of every .ts
// and .svelte file: static imports, re-exports, type imports and dynamic import()s alike. A new
// wrong-way import fails here with the file and what it imports. Imports that break a rule today
// and are being moved are listed below as known exceptions; one that no longer occurs must be taken
// off the list (so the list only shrinks).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

interface Source {
  /** Path under src/, with '/' (e.g. 'domain/workbook.ts'). */
  path: string;
  text: string;
}

/** What an import names: a folder of src/ (its first segment) or a package (its name). */
type Target = { kind: 'src'; top: string; path: string } | { kind: 'package'; name: string };

interface Rule {
  /** The top-level folders of src/ whose files the rule is about. */
  from: readonly string[];
  /** Why the rule holds, shown with each violation. */
  why: string;
  /** Whether an import of `to` by the file at `from` (a path under src/) breaks the rule. */
  forbids(to: Target, from: string): boolean;
}

/**
 * Parts of one screen that other screens embed, named here (a new one is a decision, not an
 * accident); everything else shared between screens lives in features/shared/.
 */
export const EMBEDDED_PARTS: ReadonlySet<string> = new Set([
  'features/kpis/KpiCard.svelte',
  'features/meeting/MeetingOpinions.svelte',
  'features/meeting/MeetingsPanel.svelte',
  'features/settings/StorageFullHelp.svelte',
]);
/** The screens of an open strategy are loaded on demand through one map (its shell routes to them). */
const SCREEN_ROUTER = 'features/strategy/screens.ts';
const isScreen = (path: string) => /\/[A-Za-z]+(Page|Mode)\.svelte$/.test(path);

/** Packages the domain may use: zod's schemas are pure data checks. */
const DOMAIN_PACKAGES = new Set(['zod']);

export const RULES: readonly Rule[] = [
  {
    from: ['domain'],
    why: 'the domain is pure: it imports only the domain and zod (no storage, state, features, DOM, Dexie or Svelte)',
    forbids: (to) => (to.kind === 'src' ? to.top !== 'domain' : !DOMAIN_PACKAGES.has(to.name)),
  },
  {
    from: ['bundle'],
    why: 'the file format is format and merge logic only: its words belong to features/bundles',
    forbids: (to) => to.kind === 'src' && to.top === 'i18n',
  },
  {
    from: ['bundle', 'sheets'],
    why: 'the file and spreadsheet layers are pure: they do not reach storage, state, features or the app',
    forbids: (to) => to.kind === 'src' && ['storage', 'state', 'features', 'app', 'safety', 'pwa'].includes(to.top),
  },
  {
    from: ['ui'],
    why: 'ui/ holds presentational parts: no storage, state, features or app',
    forbids: (to) => to.kind === 'src' && ['storage', 'state', 'features', 'app'].includes(to.top),
  },
  {
    from: ['features'],
    why: 'screens reach the database through state/ (the store and its services), never storage/ directly',
    forbids: (to) => to.kind === 'src' && to.top === 'storage',
  },
  {
    from: ['features'],
    why: 'a screen uses another screen only through features/shared/, a named embedded part (EMBEDDED_PARTS), or the strategy shell routing to it',
    forbids: (to, from) => {
      if (to.kind !== 'src' || to.top !== 'features') return false;
      const own = from.split('/')[1];
      const other = to.path.split('/')[1];
      if (other === own || other === 'shared') return false;
      if (EMBEDDED_PARTS.has(`${to.path}`) || EMBEDDED_PARTS.has(`${to.path}.svelte`)) return false;
      return !(from === SCREEN_ROUTER && isScreen(to.path));
    },
  },
  {
    from: ['domain', 'bundle', 'sheets', 'storage', 'state', 'safety', 'pwa', 'i18n', 'ui', 'features'],
    why: 'app/ is the top (it makes the services and routes to the screens): nothing below imports it, so there is no loop between app/ and the screens',
    forbids: (to) => to.kind === 'src' && to.top === 'app',
  },
];

/**
 * Imports that break a rule today, as 'file -> imported path' (both under src/), to be moved by
 * whoever owns the files. Empty: every rule holds with no exception. A new entry is a decision
 * written here with its reason, and comes off when the import is moved.
 */
export const KNOWN_EXCEPTIONS: readonly string[] = [];

/** Browser, clock and random globals the domain must not touch (it is tested in Node, deterministic). */
const IMPURE_GLOBALS = /\b(?:Date\.now|new Date\(\s*\)|Math\.random|crypto\.|document\.|window\.|localStorage|sessionStorage|indexedDB|navigator\.|setTimeout|setInterval|performance\.now|fetch\()/;

// ---------------------------------------------------------------------------------------------

/** The source without comments (block comments, and line comments that start a line). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]*?\s*from\s*)?['"]([^'"\n]+)['"]|\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Every module specifier a source imports (static, re-export, type-only, dynamic). */
export function importsOf(text: string): string[] {
  return [...code(text).matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

function targetOf(file: string, spec: string): Target | null {
  if (!spec.startsWith('.')) {
    const parts = spec.split('/');
    return { kind: 'package', name: spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
  }
  const path = posix.normalize(posix.join(posix.dirname(file), spec));
  if (path.startsWith('..')) return null; // outside src/ (a test helper, a config): not a layer
  return { kind: 'src', top: path.split('/')[0]!, path };
}

/** Every import of `sources` that breaks a rule, as 'file -> target' with the rule's reason. */
export function violations(sources: readonly Source[], rules: readonly Rule[] = RULES): { key: string; why: string }[] {
  const out: { key: string; why: string }[] = [];
  for (const s of sources) {
    const top = s.path.split('/')[0]!;
    const applying = rules.filter((r) => r.from.includes(top));
    if (applying.length === 0) continue;
    for (const spec of importsOf(s.text)) {
      const to = targetOf(s.path, spec);
      if (!to) continue;
      // One entry per import, with the first rule it breaks.
      const broken = applying.find((r) => r.forbids(to, s.path));
      if (broken) out.push({ key: `${s.path} -> ${to.kind === 'src' ? to.path : to.name}`, why: broken.why });
    }
  }
  return out;
}

function readSources(): Source[] {
  const out: Source[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|svelte)$/.test(e.name)) out.push({ path: relative(SRC, p).split(/[\\/]/).join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(SRC);
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('layers', () => {
  const sources = readSources();

  it('reads every source file and its imports', () => {
    expect(sources.length).toBeGreaterThan(100);
    const view = sources.find((s) => s.path === 'domain/achievement/evaluated-view.ts')!;
    expect(importsOf(view.text)).toContain('../workbook');
    // .svelte files too, with type-only imports.
    const grid = sources.find((s) => s.path === 'features/kpis/KpiGrid.svelte')!;
    expect(importsOf(grid.text)).toContain('../../domain/achievement');
  });

  it('no file imports the wrong way (known exceptions apart)', () => {
    const found = violations(sources);
    const unexpected = found.filter((v) => !KNOWN_EXCEPTIONS.includes(v.key)).map((v) => `${v.key}  (${v.why})`);
    expect(unexpected).toEqual([]);
  });

  it('every known exception still occurs (a fixed one comes off the list)', () => {
    const found = new Set(violations(sources).map((v) => v.key));
    expect(KNOWN_EXCEPTIONS.filter((k) => !found.has(k))).toEqual([]);
  });

  it('the domain touches no browser, clock or random global', () => {
    const impure = sources
      .filter((s) => s.path.startsWith('domain/'))
      .flatMap((s) => code(s.text).split('\n').flatMap((line, i) => (IMPURE_GLOBALS.test(line) ? [`${s.path}:${i + 1}: ${line.trim()}`] : [])));
    expect(impure).toEqual([]);
  });

  it('catches each kind of wrong-way import (the checker itself)', () => {
    const bad: Source[] = [
      { path: 'domain/x.ts', text: "import Dexie from 'dexie';\nimport { mount } from 'svelte';" },
      { path: 'domain/y.ts', text: "import type { WorkbookStore } from '../state/workbook.svelte';\nexport { a } from '../storage/db';" },
      { path: 'domain/z.ts', text: "const m = await import('../features/dashboard/dashboard-model');" },
      { path: 'bundle/w.ts', text: "import {\n  t,\n} from '../i18n';" },
      { path: 'ui/V.svelte', text: "<script lang=\"ts\">\n  import { services } from '../app/context';\n</script>" },
      { path: 'features/f/F.svelte', text: "<script>\n  import { WorkbookDb } from '../../storage/db';\n</script>" },
      { path: 'features/g/G.svelte', text: "<script>\n  import { services } from '../../app/context';\n</script>" },
      { path: 'features/goals/GoalPage.svelte', text: "<script>\n  import { defaultYear } from '../dashboard/dashboard-model';\n  import KpiCard from '../kpis/KpiCard.svelte';\n  import { cellText } from '../shared/measurement-text';\n</script>" },
      { path: 'features/goals/Other.svelte', text: "<script>\n  const P = () => import('../projects/ProjectPage.svelte');\n</script>" },
      { path: 'features/strategy/screens.ts', text: "const P = () => import('../projects/ProjectPage.svelte');" },
      { path: 'domain/ok.ts', text: "// import Dexie from 'dexie';\n/* import '../storage/db'; */\nimport { z } from 'zod';\nimport { a } from './b';" },
    ];
    expect(violations(bad).map((v) => v.key)).toEqual([
      'domain/x.ts -> dexie',
      'domain/x.ts -> svelte',
      'domain/y.ts -> state/workbook.svelte',
      'domain/y.ts -> storage/db',
      'domain/z.ts -> features/dashboard/dashboard-model',
      'bundle/w.ts -> i18n',
      'ui/V.svelte -> app/context',
      'features/f/F.svelte -> storage/db',
      'features/g/G.svelte -> app/context',
      'features/goals/GoalPage.svelte -> features/dashboard/dashboard-model',
      'features/goals/Other.svelte -> features/projects/ProjectPage.svelte',
    ]);
  });
});
