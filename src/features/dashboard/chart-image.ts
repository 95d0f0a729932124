/**
 * A KPI chart saved as a PNG image for slides, made in the browser (no server): the chart's SVG is
 * drawn onto a canvas at twice its size on white, under the KPI's name, with the legend written
 * out below (Plot's legend is HTML, not part of the SVG). The image is shared (tablets) or
 * downloaded.
 */
import type { ChartPoint } from './kpi-chart';

export interface ChartImageLegend {
  series: ChartPoint['series'];
  label: string;
}

const COLORS: Readonly<Record<ChartPoint['series'], string>> = {
  baseline: '#59636e',
  target: '#1f4e79',
  interpolated: '#1f4e79',
  actual: '#c2410c',
  final: '#1e6b35',
};
const FONT = '"Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, system-ui, sans-serif';
const SCALE = 2;
const PAD = 24;
const TITLE = 22;
const LEGEND = 16;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('chart image'));
    img.src = url;
  });
}

function symbol(ctx: CanvasRenderingContext2D, series: ChartPoint['series'], x: number, y: number, r: number) {
  ctx.beginPath();
  if (series === 'baseline') ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (series === 'interpolated' || series === 'final') {
    const n = series === 'final' ? 5 : 3;
    const pts = series === 'final' ? 2 * n : n;
    for (let i = 0; i < pts; i++) {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / pts;
      const rr = series === 'final' && i % 2 === 1 ? r / 2.2 : r * 1.15;
      ctx[i === 0 ? 'moveTo' : 'lineTo'](x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    ctx.closePath();
  } else if (series === 'actual') {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r * 1.2);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
  if (series === 'interpolated') {
    ctx.fillStyle = '#fff';
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = COLORS[series];
    ctx.stroke();
  } else {
    ctx.fillStyle = COLORS[series];
    ctx.fill();
  }
}

/** The chart as PNG: `svg` is the chart's drawing, `title` the KPI's name (and unit). */
export async function chartImage(svg: SVGSVGElement, title: string, legend: readonly ChartImageLegend[]): Promise<Blob> {
  const box = svg.viewBox?.baseVal;
  const width = Number(svg.getAttribute('width')) || box?.width || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || box?.height || svg.getBoundingClientRect().height;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.fontFamily = FONT;
  copy.style.background = '#fff';
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    const w = width + 2 * PAD;
    const h = PAD + TITLE + 12 + height + 12 + LEGEND + PAD;
    canvas.width = Math.round(w * SCALE);
    canvas.height = Math.round(h * SCALE);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas');
    ctx.scale(SCALE, SCALE);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#1b1f24';
    ctx.textBaseline = 'top';
    ctx.font = `bold ${TITLE - 4}px ${FONT}`;
    ctx.fillText(title, PAD, PAD, w - 2 * PAD);
    ctx.drawImage(img, PAD, PAD + TITLE + 12, width, height);
    // The legend, one row below the chart.
    ctx.font = `14px ${FONT}`;
    ctx.textBaseline = 'middle';
    let x = PAD;
    const y = PAD + TITLE + 12 + height + 12 + LEGEND / 2;
    for (const l of legend) {
      symbol(ctx, l.series, x + 6, y, 5);
      ctx.fillStyle = '#1b1f24';
      ctx.fillText(l.label, x + 16, y);
      x += 16 + ctx.measureText(l.label).width + 20;
    }
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('png'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name part without characters file systems refuse: 「空き家バンクを利用した移住者数」. */
export function imageFileName(...parts: string[]): string {
  const clean = parts
    .map((p) => p.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '').replace(/\s+/g, '_').slice(0, 40))
    .filter((p) => p !== '');
  return `${clean.join('_') || 'chart'}.png`;
}
