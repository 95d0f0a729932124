// Locates the Chromium that the end-to-end tests drive (playwright-core never downloads a browser
// here: the tests use the system's Chromium).
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags every test browser starts with. The closed network refuses Chromium's background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const INSTALL_HINT =
  'Chromium が見つかりません。Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk、' +
  'または CHROMIUM_PATH=/path/to/chromium を設定してください。\n' +
  'Chromium was not found. On Debian/Ubuntu run: sudo apt-get install chromium fonts-noto-cjk, ' +
  'or set CHROMIUM_PATH=/path/to/chromium.';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * Returns the path of a usable Chromium: CHROMIUM_PATH if set and executable, else
 * /usr/bin/chromium. When neither exists and this is root on Debian, installs Debian's chromium
 * (and fonts-noto-cjk so Japanese text renders in screenshots). Otherwise prints what to install
 * and exits non-zero, or returns null with `exitOnMissing: false`.
 *
 * @param {{ exitOnMissing?: boolean }} [options]
 * @returns {string | null}
 */
export function findChromium({ exitOnMissing = true } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH=${fromEnv} は実行できません / is not an executable file.`);
  }
  if (isExecutable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('Chromium をインストールしています / installing chromium and fonts-noto-cjk with apt-get ...');
    const ok =
      run('apt-get', ['update', '-qq']) &&
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk', 'fonts-liberation']);
    if (ok && isExecutable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
    console.error('apt-get install chromium fonts-noto-cjk が失敗しました / failed.');
  }
  console.error(INSTALL_HINT);
  if (exitOnMissing) process.exit(1);
  return null;
}
