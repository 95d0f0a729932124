/**
 * Draws costly parts of a long list (a sparkline per KPI: its whole history evaluated, its points
 * described in words) after the list itself: those near the viewport as soon as they are seen, the
 * rest a few at a time whenever the page is idle. A 1,000-KPI dashboard then paints its list at
 * once and fills the drawings in, instead of evaluating every history before the first paint.
 */
const NEAR = '400px';
const PER_IDLE_SLICE = 40;

const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;
let scheduled = false;

function reveal(el: Element): void {
  const show = waiting.get(el);
  if (!show) return;
  waiting.delete(el);
  observer?.unobserve(el);
  show();
}

function schedule(): void {
  if (scheduled || waiting.size === 0) return;
  scheduled = true;
  const run = () => {
    scheduled = false;
    let n = 0;
    for (const el of [...waiting.keys()]) {
      reveal(el);
      if (++n >= PER_IDLE_SLICE) break;
    }
    schedule();
  };
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

/** Calls `show` once `el` is near the viewport or the page has had time for it; returns a stop. */
export function revealSoon(el: Element, show: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    show();
    return () => {};
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) reveal(e.target);
    },
    { rootMargin: NEAR },
  );
  waiting.set(el, show);
  observer.observe(el);
  schedule();
  return () => {
    waiting.delete(el);
    observer?.unobserve(el);
  };
}
