import { findDistrict } from '../../reference/range.ts';

/** An FIR named in one text field of a stolen-vehicle export. */
export interface FirReference {
  district: string | null;
  policeStation: string | null;
  /** As written (digits only); padded by the caller. */
  firNumber: string;
  firYear: number;
}

/** `123/2024`, `123-24`, `45 of 2023` at the end of the text. */
const numberYear = /(\d{1,6})\s*(?:\/|-|\bof\b)\s*(\d{4}|\d{2})\s*$/i;
/** A label before the number: FIR No., Cr. No., Case No., मु.अ.सं. (मुकदमा अपराध संख्या). */
const label =
  /(?:^|[\s,/])(?:f\.?\s*i\.?\s*r\.?|cr\.?|crime|case|mu\.?\s*a\.?\s*s(?:a|n)?\.?|मु\.?\s*अ\.?\s*सं\.?|मुकदमा\s+अपराध\s+संख्या|अपराध\s+संख्या)\s*(?:no\.?|number|sankhya|संख्या|सं\.?)?\s*[:.#-]*\s*$/iu;

/**
 * Parses an FIR reference: `0123/2024`, `FIR No. 123/24`, `Cr. No. 45 of 2023`,
 * `मु.अ.सं. 123/2024`, `Jaunpur/Line Bazar/0123/2024`, `Line Bazar, Jaunpur, FIR 123/2024`,
 * `Line Bazar 123/2024`. District and police station come from what precedes the number: a part
 * naming a district of the range is the district; the last other part is the police station.
 * Undefined when the text has no number and year.
 */
export function parseFirReference(text: string): FirReference | undefined {
  const s = text.trim();
  const m = numberYear.exec(s);
  if (!m) return undefined;
  const yearText = m[2]!;
  const year = yearText.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
  const prefix = s
    .slice(0, m.index)
    .replace(/[\s,/:-]+$/, '')
    .replace(label, '')
    .trim();
  const parts = prefix
    .split(/\s*[/,]\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  let district: string | null = null;
  let policeStation: string | null = null;
  const districtIndex = parts.findIndex((p) => findDistrict(p) !== undefined);
  if (districtIndex >= 0) {
    district = parts[districtIndex]!;
    policeStation = parts.filter((_, i) => i !== districtIndex).at(-1) ?? null;
  } else if (parts.length >= 2) {
    district = parts.at(-2)!;
    policeStation = parts.at(-1)!;
  } else if (parts.length === 1) {
    policeStation = parts[0]!;
  }
  return { district, policeStation, firNumber: m[1]!, firYear: year };
}
