import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { cellToBoundary, cellToLatLng } from 'h3-js';
import { districts, policeStations, type PoliceStation } from '../reference/range.ts';

/**
 * Server-side rendering of the published reports: one self-contained HTML file (inline CSS and
 * SVG, no scripts, no network), charts drawn with d3 modules into SVG strings.
 */

export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Gi* bins in plain words (never `bin = 3`). */
export const binLabels: Readonly<Record<number, { en: string; hi: string; colour: string }>> = {
  3: { en: 'hot spot, 99% confidence', hi: 'हॉट स्पॉट, 99% विश्वास', colour: '#b2182b' },
  2: { en: 'hot spot, 95% confidence', hi: 'हॉट स्पॉट, 95% विश्वास', colour: '#ef8a62' },
  1: { en: 'hot spot, 90% confidence', hi: 'हॉट स्पॉट, 90% विश्वास', colour: '#fddbc7' },
  0: { en: 'not significant', hi: 'सामान्य', colour: '#eeeeee' },
  [-1]: { en: 'cold spot, 90% confidence', hi: 'कोल्ड स्पॉट, 90% विश्वास', colour: '#d1e5f0' },
  [-2]: { en: 'cold spot, 95% confidence', hi: 'कोल्ड स्पॉट, 95% विश्वास', colour: '#67a9cf' },
  [-3]: { en: 'cold spot, 99% confidence', hi: 'कोल्ड स्पॉट, 99% विश्वास', colour: '#2166ac' },
};

export function binLabel(bin: number): string {
  return binLabels[bin]?.en ?? `bin ${bin}`;
}

/** Emerging-hotspot patterns in plain words. */
export const patternLabels: Readonly<Record<string, string>> = {
  new_hot_spot: 'new hot spot (hot only in the latest week)',
  consecutive_hot_spot: 'consecutive hot spot (hot in the last weeks in a row)',
  intensifying_hot_spot: 'intensifying hot spot (hot most weeks, getting hotter)',
  persistent_hot_spot: 'persistent hot spot (hot most weeks, steady)',
  diminishing_hot_spot: 'diminishing hot spot (hot most weeks, cooling)',
  sporadic_hot_spot: 'sporadic hot spot (on and off)',
  oscillating_hot_spot: 'oscillating hot spot (was cold, now hot)',
  historical_hot_spot: 'historical hot spot (hot earlier, not lately)',
};

export interface HexCell {
  h3_cell: string;
  bin: number;
  incident_count: number;
}

/** The nearest thana to a cell's centre (for "top hot cells" with their thana). */
export function nearestStation(cell: string): PoliceStation {
  const [lat, lon] = cellToLatLng(cell);
  let best = policeStations[0]!;
  let bestD = Number.POSITIVE_INFINITY;
  for (const s of policeStations) {
    const d = (s.latitude - lat) ** 2 + ((s.longitude - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return best;
}

function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const pt of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, pt) <= 0) lower.pop();
    lower.push(pt);
  }
  const upper: [number, number][] = [];
  for (const pt of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, pt) <= 0) upper.pop();
    upper.push(pt);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

const f1 = (n: number) => n.toFixed(1);

/**
 * The hexagon map: cells coloured by bin (class `hex bin-<n>` with n = 3…1, 0, m1…m3, `data-bin`,
 * `data-cell`; significant cells over a dark rim),
 * district outlines (the hull of their thanas), thana points and names, and a legend.
 */
export function hexMapSvg(cells: readonly HexCell[], options: { width?: number; title: string }): string {
  const width = options.width ?? 900;
  const lats = [...policeStations.map((s) => s.latitude)];
  const lons = [...policeStations.map((s) => s.longitude)];
  for (const c of cells) {
    const [lat, lon] = cellToLatLng(c.h3_cell);
    lats.push(lat);
    lons.push(lon);
  }
  const pad = 0.05;
  const [lat0, lat1] = [Math.min(...lats) - pad, Math.max(...lats) + pad];
  const [lon0, lon1] = [Math.min(...lons) - pad, Math.max(...lons) + pad];
  const k = Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
  const height = Math.round((width * (lat1 - lat0)) / ((lon1 - lon0) * k));
  const x = scaleLinear().domain([lon0, lon1]).range([0, width]);
  const y = scaleLinear().domain([lat1, lat0]).range([0, height]);
  const pt = (lat: number, lon: number) => `${f1(x(lon))},${f1(y(lat))}`;

  const outlines = districts
    .map((d) => {
      const pts = policeStations
        .filter((s) => s.districtId === d.districtId)
        .map((s) => [x(s.longitude), y(s.latitude)] as [number, number]);
      if (pts.length < 3) return '';
      const hull = convexHull(pts)
        .map(([a, b]) => `${f1(a)},${f1(b)}`)
        .join(' ');
      return (
        `<polygon class="district" points="${hull}"><title>${escapeHtml(`${d.nameEn} / ${d.nameHi}`)}</title></polygon>` +
        `<text class="district-name" x="${f1(x(d.longitude))}" y="${f1(y(d.latitude) - 14)}">${escapeHtml(d.nameEn)} · ${escapeHtml(d.nameHi)}</text>`
      );
    })
    .join('\n');
  // Not-significant cells first, so hot and cold cells are drawn on top.
  const ordered = [...cells].sort((a, b) => Math.abs(a.bin) - Math.abs(b.bin));
  const hexes = ordered
    .map((c) => {
      const ring = cellToBoundary(c.h3_cell)
        .map(([lat, lon]) => pt(lat, lon))
        .join(' ');
      const label = binLabels[c.bin] ?? binLabels[0]!;
      return `<polygon class="hex bin-${c.bin < 0 ? `m${-c.bin}` : c.bin}" data-bin="${c.bin}" data-cell="${c.h3_cell}" points="${ring}" fill="${label.colour}" color="${label.colour}"><title>${escapeHtml(
        `${label.en} / ${label.hi}: ${c.incident_count} incidents (${c.h3_cell})`,
      )}</title></polygon>`;
    })
    .join('\n');
  // A dark rim under every significant cell's halo, so the pale 90% colours stay visible.
  const rims = ordered
    .filter((c) => c.bin !== 0)
    .map(
      (c) =>
        `<polygon class="hex-rim" points="${cellToBoundary(c.h3_cell)
          .map(([lat, lon]) => pt(lat, lon))
          .join(' ')}"/>`,
    )
    .join('\n');
  const stations = policeStations
    .map(
      (s) =>
        `<g class="thana"><circle cx="${f1(x(s.longitude))}" cy="${f1(y(s.latitude))}" r="2.5"><title>${escapeHtml(`${s.nameEn} / ${s.nameHi}`)}</title></circle>` +
        `<text x="${f1(x(s.longitude) + 4)}" y="${f1(y(s.latitude) + 3)}">${escapeHtml(s.nameEn)}</text></g>`,
    )
    .join('\n');
  const legendBins = [3, 2, 1, 0, -1, -2, -3];
  const legend = legendBins
    .map((b, i) => {
      const l = binLabels[b]!;
      return `<g transform="translate(10,${10 + i * 18})"><rect width="14" height="14" fill="${l.colour}" stroke="#666"/><text x="20" y="11">${escapeHtml(`${l.en} · ${l.hi}`)}</text></g>`;
    })
    .join('');
  return `<svg class="hexmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">
<rect width="${width}" height="${height}" fill="#fbfbf8"/>
<g class="districts">${outlines}</g>
<g class="hex-rims">${rims}</g>
<g class="hexes">${hexes}</g>
<g class="thanas">${stations}</g>
<g class="legend">${legend}</g>
</svg>`;
}

export interface SeriesPoint {
  district: string;
  period: string;
  fir_count: number;
}

/** Small multiples: one line chart of counts per district, on a shared y scale. */
export function smallMultiplesSvg(points: readonly SeriesPoint[], options: { title: string }): string {
  const byDistrict = new Map<string, SeriesPoint[]>();
  for (const p of points) byDistrict.set(p.district, [...(byDistrict.get(p.district) ?? []), p]);
  const periods = [...new Set(points.map((p) => p.period))].sort();
  if (periods.length === 0) return '<p class="empty">No FIRs in these periods. · इस अवधि में कोई प्राथमिकी नहीं।</p>';
  const w = 260;
  const h = 120;
  const m = { top: 22, right: 10, bottom: 22, left: 34 };
  const x = scaleLinear()
    .domain([0, Math.max(1, periods.length - 1)])
    .range([m.left, w - m.right]);
  const y = scaleLinear()
    .domain([0, max(points, (p) => p.fir_count) ?? 1])
    .nice()
    .range([h - m.bottom, m.top]);
  const path = line<SeriesPoint>()
    .x((p) => x(periods.indexOf(p.period)))
    .y((p) => y(p.fir_count));
  const panels = [...byDistrict.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([district, series], i) => {
      const sorted = [...series].sort((a, b) => a.period.localeCompare(b.period));
      const hi = districts.find((d) => d.nameEn === district)?.nameHi ?? '';
      const ticks = y
        .ticks(3)
        .map(
          (t) =>
            `<text class="tick" x="${m.left - 4}" y="${f1(y(t) + 3)}">${t}</text><line class="grid" x1="${m.left}" x2="${w - m.right}" y1="${f1(y(t))}" y2="${f1(y(t))}"/>`,
        )
        .join('');
      const last = sorted[sorted.length - 1];
      return `<g transform="translate(${(i % 3) * w},${Math.floor(i / 3) * h})">
<text class="panel-title" x="${m.left}" y="14">${escapeHtml(district)} · ${escapeHtml(hi)}</text>${ticks}
<path class="series" d="${path(sorted) ?? ''}"/>
<text class="tick" x="${m.left}" y="${h - 6}">${escapeHtml(periods[0])}</text>
<text class="tick end" x="${w - m.right}" y="${h - 6}">${escapeHtml(periods[periods.length - 1])}${last ? ` (${last.fir_count})` : ''}</text>
</g>`;
    });
  const rows = Math.ceil(panels.length / 3);
  return `<svg class="multiples" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${3 * w} ${rows * h}" width="${3 * w}" height="${rows * h}" role="img" aria-label="${escapeHtml(options.title)}">
${panels.join('\n')}
</svg>`;
}

export interface Column {
  key: string;
  label: string;
  format?: (v: unknown, row: Record<string, unknown>) => string;
}

export function htmlTable(columns: readonly Column[], rows: readonly Record<string, unknown>[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        '<tr>' +
        columns
          .map((c) => {
            const v = r[c.key];
            const text = c.format
              ? c.format(v, r)
              : v === null || v === undefined
                ? ''
                : typeof v === 'number' && !Number.isInteger(v)
                  ? v.toFixed(2)
                  : String(v);
            return `<td${typeof v === 'number' ? ' class="n"' : ''}>${escapeHtml(text)}</td>`;
          })
          .join('') +
        '</tr>',
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export interface Section {
  en: string;
  hi: string;
  body: string;
}

/** The page: bilingual headings, inline CSS, no scripts, no external resources. */
export function page(title: { en: string; hi: string }, subtitle: string, sections: readonly Section[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title.en} · ${title.hi}`)}</title>
<style>
body { font-family: system-ui, 'Noto Sans', 'Noto Sans Devanagari', sans-serif; margin: 1.5rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.hi { color: #555; font-weight: normal; } .sub { color: #555; }
table { border-collapse: collapse; font-size: 0.85rem; } th, td { border: 1px solid #ccc; padding: 0.2rem 0.45rem; text-align: left; }
th { background: #f0f0f0; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { max-width: 100%; height: auto; display: block; } .empty { color: #777; font-style: italic; }
.hex { stroke: #999; stroke-width: 0.3; } .hex.bin-0 { opacity: 0.55; }
/* A 0.7 km² cell is under a pixel at range scale: significant cells get a halo in their colour. */
.hex.bin-3, .hex.bin-2, .hex.bin-1, .hex.bin-m1, .hex.bin-m2, .hex.bin-m3 { stroke: currentColor; stroke-width: 4; stroke-linejoin: round; }
.hex-rim { fill: none; stroke: #555; stroke-width: 5.5; stroke-linejoin: round; }
.district { fill: none; stroke: #555; stroke-width: 1; stroke-dasharray: 4 3; } .district-name { font-size: 12px; font-weight: bold; fill: #333; text-anchor: middle; }
.thana circle { fill: #222; } .thana text { font-size: 8px; fill: #333; } .legend text { font-size: 11px; }
.series { fill: none; stroke: #b2182b; stroke-width: 1.5; } .grid { stroke: #eee; } .tick { font-size: 9px; fill: #666; text-anchor: end; } .tick:not(.end) { text-anchor: start; }
.panel-title { font-size: 11px; font-weight: bold; } .level-hyper-sensitive { color: #b2182b; font-weight: bold; } .level-sensitive { color: #d6604d; }
</style>
</head>
<body>
<h1>${escapeHtml(title.en)} <span class="hi">· ${escapeHtml(title.hi)}</span></h1>
<p class="sub">${escapeHtml(subtitle)}</p>
${sections.map((s) => `<section>\n<h2>${escapeHtml(s.en)} <span class="hi">· ${escapeHtml(s.hi)}</span></h2>\n${s.body}\n</section>`).join('\n')}
</body>
</html>
`;
}
