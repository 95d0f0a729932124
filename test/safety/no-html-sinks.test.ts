// No user text is ever rendered as HTML: the app's source has no {@html} and none of the DOM
// calls that parse a string as HTML or code. Keep it so; test/e2e/security.test.ts proves it with
// payloads in a real import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/', import.meta.url));
const SINKS = /\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|createContextualFragment|document\.write\(|\bnew Function\(|(?<![\w.])eval\(|setTimeout\(\s*['"`]|setInterval\(\s*['"`]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(svelte|ts|js)$/.test(name) ? [path] : [];
  });
}

describe('HTML and code sinks', () => {
  it('none in src/', () => {
    const offenders = files(root).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SINKS.test(line) ? [`${path.slice(root.length)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('the pattern catches what it should', () => {
    for (const bad of ['{@html text}', 'el.innerHTML = x', "el.insertAdjacentHTML('beforeend', x)", 'new Function(code)', 'eval(code)', "setTimeout('code', 1)"])
      expect(SINKS.test(bad), bad).toBe(true);
    for (const ok of ['el.textContent = x', 'evaluate(x)', 'retrieval(x)', 'setTimeout(() => 1, 1)']) expect(SINKS.test(ok), ok).toBe(false);
  });
});
