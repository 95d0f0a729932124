// Starts and stops what the WebKit lane needs outside Node: a virtual X display (Xvfb; MiniBrowser has
// no headless mode) and WebKitGTK's WebDriver server. Each runs in a process group of its own, so
// stopping it also stops what it started (the driver's MiniBrowser and its web processes), and both
// are stopped when the Node process exits, also after a failure or an interrupt.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { miniBrowserPath, missingForWebKit } from '../../support/webkit.mjs';

export { missingForWebKit };

export const DRIVER = 'WebKitWebDriver';
export const XVFB = 'Xvfb';

/** Capabilities of a new session: MiniBrowser in automation mode (site data in memory: a fresh profile). */
export function sessionCapabilities(): Record<string, unknown> {
  return {
    alwaysMatch: {
      'webkitgtk:browserOptions': { binary: miniBrowserPath(), args: ['--automation'] },
    },
  };
}

const started = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: the driver's browsers too
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of started) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const child of started) killGroup(child, 'SIGKILL');
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

function startGroup(command: string, args: string[], stdio: ('ignore' | 'pipe')[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  hookExit();
  const child = spawn(command, args, { detached: true, stdio, env });
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

/** Stops a started process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    if (child?.pid !== undefined) killGroup(child, 'SIGKILL'); // leftovers of an exited leader
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // anything of the group still alive
  started.delete(child);
}

export interface Display {
  /** e.g. ':99' */
  name: string;
  process: ChildProcess;
}

/**
 * Starts Xvfb on a free display: Xvfb picks the number itself (-displayfd) and writes it back once
 * it accepts connections, so two lanes on one machine never collide.
 */
export async function startXvfb(): Promise<Display> {
  const child = startGroup(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], ['ignore', 'ignore', 'pipe', 'pipe']);
  const fd3 = child.stdio[3];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 15 s: ${stderr}`)), 15_000);
    fd3?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });
  return { name: `:${number}`, process: child };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Driver {
  url: string;
  process: ChildProcess;
}

/**
 * Starts WebKitWebDriver on a free port, its browsers on `display`; resolves once it answers /status.
 * What the driver and its browsers print is appended to `logFile` when one is given (read when a
 * session could not be created).
 */
export async function startDriver(display: string, logFile?: string): Promise<Driver> {
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = startGroup(DRIVER, [`--port=${port}`, '--host=local'], ['ignore', 'pipe', 'pipe'], {
      ...process.env,
      DISPLAY: display,
      // No accessibility bus, no desktop portal on a virtual display.
      NO_AT_BRIDGE: '1',
      GTK_A11Y: 'none',
    });
    let output = '';
    const record = (chunk: Buffer) => {
      if (output.length < 20_000) output += chunk.toString();
      if (logFile) appendFileSync(logFile, chunk);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const response = await fetch(new URL('status', url), { signal: AbortSignal.timeout(1000) });
        if (response.ok) return { url, process: child };
      } catch {
        /* not yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    lastError = output;
    await stop(child);
  }
  throw new Error(`WebKitWebDriver did not start: ${lastError}`);
}
