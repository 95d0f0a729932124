// Locates what the WebKit lane needs (test/webkit): WebKitGTK's WebDriver server with its MiniBrowser
// (Debian: webkit2gtk-driver) and a virtual display (Debian: xvfb). On Debian as root, installs them
// as test/support/chromium.mjs installs Chromium; elsewhere it says what is missing.
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const DEFAULT_MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const WEBKIT_PACKAGES = ['webkit2gtk-driver', 'xvfb'];

export const WEBKIT_HINT =
  'WebKit のテスト（iPad と同じエンジン）には WebKitWebDriver と Xvfb が必要です。Debian/Ubuntu: ' +
  `sudo apt-get install ${WEBKIT_PACKAGES.join(' ')}\n` +
  'The WebKit lane (the iPad\'s engine) needs WebKitWebDriver and Xvfb. On Debian/Ubuntu run: ' +
  `sudo apt-get install ${WEBKIT_PACKAGES.join(' ')}`;

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && isExecutable(`${dir}/${name}`));
}

/** The MiniBrowser the sessions start: WEBKIT_MINIBROWSER, else Debian's. */
export function miniBrowserPath() {
  return process.env.WEBKIT_MINIBROWSER || DEFAULT_MINIBROWSER;
}

/** What is missing for the lane on this machine (empty when it can run). @returns {string[]} */
export function missingForWebKit() {
  const missing = [];
  if (!onPath('WebKitWebDriver')) missing.push('WebKitWebDriver');
  if (!onPath('Xvfb')) missing.push('Xvfb');
  if (!isExecutable(miniBrowserPath())) missing.push(miniBrowserPath());
  return missing;
}

/**
 * True when the lane can run. When something is missing and this is root on Debian, installs
 * webkit2gtk-driver and xvfb first; otherwise prints what to install and returns false.
 * @returns {boolean}
 */
export function findWebKit() {
  if (missingForWebKit().length === 0) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log(`WebKit をインストールしています / installing ${WEBKIT_PACKAGES.join(' ')} with apt-get ...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok =
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...WEBKIT_PACKAGES], { stdio: 'inherit', env }).status === 0;
    if (ok && missingForWebKit().length === 0) return true;
    console.error(`apt-get install ${WEBKIT_PACKAGES.join(' ')} が失敗しました / failed.`);
  }
  console.error(`missing: ${missingForWebKit().join(', ')}`);
  console.error(WEBKIT_HINT);
  return false;
}
