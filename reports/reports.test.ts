import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../lake/duckdb.ts';
import { attachLake } from '../lake/session.ts';
import { policeStations } from '../reference/range.ts';
import { launchChromium } from '../test/util/chromium.ts';
import type { TestLake } from '../test/util/lakes.ts';
import { buildModels } from '../transforms/build.ts';
import { generateData, lakeWith, type Generated } from '../transforms/marts/hotspot-fixtures.ts';
import { buildReport, type ReportName } from './builders.ts';
import { binLabels, hexMapSvg, page as reportPage } from './render.ts';
import type { ReportManifest } from './publish.ts';

let gen: Generated;
let t: TestLake;
let browser: Browser;
let hotWeek: string;
let plantedCells: Set<string>;

const read = (key: string) => t.lake.storage.get(key);
const publish = (report: ReportName, period: string) =>
  withDuckDb(t.config, (db) => buildReport({ lake: t.lake, db }, report, period));

/** Where the map screenshots are kept after a run (overwritten each run), to look at. */
const screenshotDir = path.join(os.tmpdir(), 'crimelake-report-screenshots');

const hotBins = [1, 2, 3] as const;

interface OpenedReport {
  errors: string[];
  hexes: { bin: number; cell: string; className: string; fill: string }[];
  mapBox: { width: number; height: number } | null;
  /** Pixels of each hot bin's colour in a screenshot of the map without its legend. */
  binPixels: Record<number, number>;
}

/** RGB of `#rrggbb`. */
function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

async function open(key: string, screenshot?: string): Promise<OpenedReport> {
  const file = t.lake.storage.localPath(key);
  if (!file) throw new Error('test lake is a folder');
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network request ${r.url()}`);
  });
  await page.goto('file://' + path.resolve(file));
  const hexes = await page.$$eval('svg.hexmap polygon.hex', (els) =>
    els.map((e) => ({
      bin: Number(e.getAttribute('data-bin')),
      cell: e.getAttribute('data-cell') ?? '',
      className: e.getAttribute('class') ?? '',
      fill: e.getAttribute('fill') ?? '',
    })),
  );
  const map = page.locator('svg.hexmap').first();
  const hasMap = (await page.locator('svg.hexmap').count()) > 0;
  const mapBox = hasMap ? await map.boundingBox() : null;
  const binPixels: Record<number, number> = {};
  if (hasMap && screenshot) {
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await map.screenshot({ path: screenshot });
    // The legend shows every bin's colour: count pixels on the map without it.
    const bare = await map.screenshot({ style: 'svg.hexmap .legend { display: none; }' });
    const colours = hotBins.map((b) => rgb(binLabels[b]!.colour));
    const counts = await page.evaluate(
      async ({ png, colours }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d canvas');
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const out = colours.map(() => 0);
        for (let i = 0; i < d.length; i += 4) {
          colours.forEach(([r, g, b], k) => {
            if (Math.abs(d[i]! - r) <= 2 && Math.abs(d[i + 1]! - g) <= 2 && Math.abs(d[i + 2]! - b) <= 2) out[k]!++;
          });
        }
        return out;
      },
      { png: bare.toString('base64'), colours },
    );
    hotBins.forEach((b, k) => (binPixels[b] = counts[k] ?? 0));
  }
  await page.close();
  return { errors, hexes, mapBox, binPixels };
}

beforeAll(async () => {
  browser = await launchChromium();
  gen = await generateData({ firs: 27_000, start: '2025-02-10', seed: 7 });
  t = await lakeWith(gen.dataDir, [path.join(gen.dataDir, 'cctns', 'firs.csv')]);
  await withDuckDb(t.config, (db) =>
    buildModels(t.lake, db, ['incidents', 'hotspot_cells', 'emerging_hotspots'], { config: t.config }),
  );
  // The week of the recent window with the most planted FIRs.
  const recent = new Set(gen.truth.hotspots.recentWeeks);
  const weeks = gen.truth.hotspots.areas.flatMap((a) =>
    a.weeks.filter((w) => recent.has(w.week)).map((w) => ({ ...w, area: a })),
  );
  const perWeek = new Map<string, number>();
  for (const w of weeks) perWeek.set(w.week, (perWeek.get(w.week) ?? 0) + w.extraFirs);
  hotWeek = [...perWeek.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  plantedCells = new Set(weeks.filter((w) => w.week === hotWeek).flatMap((w) => w.area.cells));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('published reports', () => {
  it('weekly-hotspots: a self-contained page with hexagons in hot bins at the planted cells', async () => {
    const r = await publish('weekly-hotspots', hotWeek);
    expect(r.prefix).toBe(`published/weekly-hotspots/${hotWeek}/`);
    const { errors, hexes, mapBox } = await open(r.prefix + 'report.html');
    expect(errors).toEqual([]);
    expect(mapBox?.width).toBeGreaterThan(100);
    expect(hexes.length).toBeGreaterThan(0);
    const hot = hexes.filter((b) => b.bin > 0);
    expect(hot.length).toBeGreaterThan(0);
    expect(hot.some((b) => plantedCells.has(b.cell))).toBe(true);
    const html = (await read(r.prefix + 'report.html')).toString('utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('hot spot, 99% confidence');
    expect(html).toContain('साप्ताहिक हॉटस्पॉट रिपोर्ट');
    expect(html).not.toMatch(/bin = \d/);
  });

  it('weekly-hotspots screenshot: the map shows hexagons in all three hot bins (90%, 95%, 99%)', async () => {
    const r = await publish('weekly-hotspots', hotWeek);
    const shot = path.join(screenshotDir, `weekly-hotspots-${hotWeek}.png`);
    const { errors, hexes, binPixels } = await open(r.prefix + 'report.html', shot);
    expect(errors).toEqual([]);
    expect(fs.statSync(shot).size).toBeGreaterThan(1000);
    const found = Object.fromEntries(hotBins.map((b) => [b, hexes.filter((h) => h.bin === b).length]));
    // Each hot bin is drawn as hexagons carrying its bin, class and colour, and is visible.
    for (const bin of hotBins) {
      const of = hexes.filter((h) => h.bin === bin);
      expect(
        of.length,
        `hexagons in bin ${bin} (${binLabels[bin]!.en}) on ${hotWeek}; per bin: ${JSON.stringify(found)}; screenshot ${shot}`,
      ).toBeGreaterThan(0);
      for (const h of of) {
        expect(h.className.split(' ')).toEqual(['hex', `bin-${bin}`]);
        expect(h.fill).toBe(binLabels[bin]!.colour);
      }
      expect(binPixels[bin], `pixels of bin ${bin}'s colour in ${shot}`).toBeGreaterThan(0);
    }
  });

  it('the screenshot check sees every bin the map draws (synthetic cells, one per bin)', async () => {
    const cells = [3, 2, 1, 0, -1, -2, -3].map((bin, i) => {
      const s = policeStations[i * 5]!;
      return { h3_cell: latLngToCell(s.latitude + 0.03, s.longitude + 0.03, 8), bin, incident_count: 4 - bin };
    });
    const key = 'scratch/all-bins/report.html';
    await t.lake.storage.put(
      key,
      reportPage({ en: 'All bins', hi: 'सभी' }, 'synthetic', [
        { en: 'Map', hi: 'मानचित्र', body: hexMapSvg(cells, { title: 'all bins' }) },
      ]),
    );
    const shot = path.join(screenshotDir, 'all-bins.png');
    const { errors, hexes, binPixels } = await open(key, shot);
    expect(errors).toEqual([]);
    expect(hexes.map((h) => [h.bin, h.className])).toEqual(
      expect.arrayContaining([
        [3, 'hex bin-3'],
        [2, 'hex bin-2'],
        [1, 'hex bin-1'],
        [-1, 'hex bin-m1'],
      ]),
    );
    for (const bin of hotBins) expect(binPixels[bin], `bin ${bin}`).toBeGreaterThan(5);
  });

  it('writes CSV with a BOM and intact Devanagari, and a manifest whose hashes match', async () => {
    const r = await publish('weekly-hotspots', hotWeek);
    const csv = await read(r.prefix + 'hotspot_cells.csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toMatch(/[\u0900-\u097F]{2,}/);
    const manifest = JSON.parse((await read(r.manifestKey)).toString('utf8')) as ReportManifest;
    expect(manifest.period).toMatchObject({ kind: 'week', id: hotWeek, timeZone: 'Asia/Kolkata' });
    expect(manifest.codeVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.inputs.find((i) => i.table === 'hotspot_cells')).toMatchObject({
      version: expect.any(Number),
      files: expect.any(Array),
    });
    expect(manifest.inputs.find((i) => i.table === 'firs')?.rowCount).toBeGreaterThan(1000);
    const files = new Set<string>();
    for (const o of manifest.outputs) {
      const body = await read(r.prefix + o.file);
      expect(crypto.createHash('sha256').update(body).digest('hex')).toBe(o.sha256);
      expect(body.length).toBe(o.bytes);
      files.add(o.file);
    }
    expect(files).toEqual(
      new Set(['report.html', ...manifest.datasets.flatMap((d) => [`${d.name}.csv`, `${d.name}.parquet`])]),
    );
    // The parquet outputs are plain Parquet with the same rows.
    const n = await withDuckDb(t.config, async (db) => {
      const file = t.lake.storage.localPath(r.prefix + 'hotspot_cells.parquet')!;
      return db.all<{ n: bigint }>(`select count(*) as n from read_parquet('${file}')`);
    });
    expect(Number(n[0]?.n)).toBe(manifest.datasets.find((d) => d.name === 'hotspot_cells')?.rowCount);
  });

  it('replaces a period on re-publishing (stale files go)', async () => {
    const prefix = `published/weekly-hotspots/${hotWeek}/`;
    await t.lake.storage.put(prefix + 'old-output.csv', 'stale');
    await publish('weekly-hotspots', hotWeek);
    const keys: string[] = [];
    for await (const o of t.lake.storage.list(prefix)) keys.push(o.key.slice(prefix.length));
    expect(keys).not.toContain('old-output.csv');
    expect(keys).toContain('manifest.json');
  });

  it('sensitivity and station-comparison degrade gracefully when their tables are not built', async () => {
    for (const [report, period, table] of [
      ['sensitivity', hotWeek, 'sensitivity_assessment'],
      ['station-comparison', '2025-06', 'station_comparison'],
    ] as const) {
      const r = await publish(report, period);
      expect(r.manifest.notes.join(' ')).toContain(table);
      const { errors } = await open(r.prefix + 'report.html');
      expect(errors).toEqual([]);
      const csv = await read(r.prefix + r.manifest.datasets[0]!.name + '.csv');
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it('rejects malformed periods', async () => {
    await expect(publish('weekly-hotspots', '2025-23')).rejects.toThrow(/expected YYYY-Www/);
    await expect(publish('station-comparison', '2025-13')).rejects.toThrow(/expected YYYY-MM/);
  });
});

describe('report inputs', () => {
  it('reads the lake the reports read', async () => {
    const n = await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      return db.all<{ n: bigint }>('select count(*) as n from hotspot_cells');
    });
    expect(Number(n[0]?.n)).toBeGreaterThan(0);
  });
});
