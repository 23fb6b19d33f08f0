import { describe, expect, it } from 'vitest';
import { distanceKm, districts, findDistrict, findPoliceStation, kebabCase, policeStations } from './range.ts';

describe('Varanasi range reference', () => {
  it('has unique district and police station ids in the documented form', () => {
    expect(new Set(districts.map((d) => d.districtId)).size).toBe(districts.length);
    expect(new Set(policeStations.map((p) => p.policeStationId)).size).toBe(policeStations.length);
    for (const p of policeStations) {
      expect(p.policeStationId).toBe(`${p.districtId}-${kebabCase(p.nameEn)}`);
      expect(p.nameEn).not.toMatch(/[/=]/);
      expect(p.nameHi).toMatch(/[\u0900-\u097f]/);
    }
  });

  it('has at least 15 stations per district', () => {
    for (const d of districts) {
      expect(policeStations.filter((p) => p.districtId === d.districtId).length).toBeGreaterThanOrEqual(15);
    }
  });

  it('places every station within 60 km of its district HQ', () => {
    for (const p of policeStations) {
      const d = districts.find((x) => x.districtId === p.districtId);
      expect(d, p.policeStationId).toBeDefined();
      if (!d) continue;
      const km = distanceKm(d.latitude, d.longitude, p.latitude, p.longitude);
      expect(km, p.policeStationId).toBeLessThan(60);
    }
  });

  it('does not put all stations of a district at its HQ', () => {
    for (const d of districts) {
      const coords = new Set(
        policeStations.filter((p) => p.districtId === d.districtId).map((p) => `${p.latitude},${p.longitude}`),
      );
      expect(coords.size).toBeGreaterThan(10);
    }
  });

  it('splits each district population within 5% of the 2011 census total', () => {
    const census: Record<string, number> = {
      varanasi: 3_676_841,
      jaunpur: 4_494_204,
      ghazipur: 3_620_268,
      chandauli: 1_952_756,
    };
    for (const d of districts) {
      expect(d.population).toBe(census[d.districtId]);
      const sum = policeStations.filter((p) => p.districtId === d.districtId).reduce((s, p) => s + p.population, 0);
      expect(Math.abs(sum - d.population) / d.population, d.districtId).toBeLessThan(0.05);
    }
  });

  it('finds districts by id, English and Hindi name', () => {
    expect(findDistrict('jaunpur')?.districtId).toBe('jaunpur');
    expect(findDistrict('GHAZIPUR')?.districtId).toBe('ghazipur');
    expect(findDistrict('वाराणसी')?.districtId).toBe('varanasi');
    expect(findDistrict('गाज़ीपुर')?.districtId).toBe('ghazipur');
    expect(findDistrict('Lucknow')).toBeUndefined();
  });

  it('finds police stations by English, Hindi name and alias within a district', () => {
    expect(findPoliceStation('Jaunpur', 'line bazar')?.policeStationId).toBe('jaunpur-line-bazar');
    expect(findPoliceStation('जौनपुर', 'लाइन बाजार')?.policeStationId).toBe('jaunpur-line-bazar');
    expect(findPoliceStation('jaunpur', 'थाना लाइन बाज़ार')?.policeStationId).toBe('jaunpur-line-bazar');
    expect(findPoliceStation('Varanasi', 'सारनाथ')?.policeStationId).toBe('varanasi-sarnath');
    expect(findPoliceStation('varanasi', 'Lalpur Pandeypur')?.policeStationId).toBe('varanasi-lalpur-pandeypur');
    expect(findPoliceStation('Varanasi', 'PS Cantonment')?.policeStationId).toBe('varanasi-cantt');
    expect(findPoliceStation('Chandauli', 'DDU Nagar')?.policeStationId).toBe('chandauli-mughalsarai');
    expect(findPoliceStation('Ghazipur', 'Zamania Thana')?.policeStationId).toBe('ghazipur-zamania');
  });

  it('keeps same-named stations apart by district', () => {
    expect(findPoliceStation('varanasi', 'Kotwali')?.policeStationId).toBe('varanasi-kotwali');
    expect(findPoliceStation('jaunpur', 'कोतवाली')?.policeStationId).toBe('jaunpur-kotwali');
    expect(findPoliceStation('ghazipur', 'kotwali')?.policeStationId).toBe('ghazipur-kotwali');
    expect(findPoliceStation('jaunpur', 'Sarnath')).toBeUndefined();
    expect(findPoliceStation('Lucknow', 'Kotwali')).toBeUndefined();
  });
});
