import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  acts,
  crimeGroups,
  crimeHeads,
  lookupCrimeHead,
  mostSeriousCrimeHead,
  sectionMappings,
  splitCodeSection,
} from './crime-heads.ts';
import { crimeHeadsDocPath, formatCrimeHeadsDoc } from './write-crime-heads-doc.ts';

const headOf = (act: (typeof acts)[number], cited: string) => {
  const { section, subSection } =
    act === 'IPC' || act === 'BNS' ? splitCodeSection(cited) : { section: cited, subSection: null };
  return lookupCrimeHead(act, section, subSection)?.crimeHeadId;
};

describe('crime heads table', () => {
  it('has unique crime head ids in snake_case, each in a known group', () => {
    expect(new Set(crimeHeads.map((h) => h.crimeHeadId)).size).toBe(crimeHeads.length);
    for (const h of crimeHeads) {
      expect(h.crimeHeadId).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(crimeGroups).toContain(h.crimeGroup);
      expect(h.nameHi).toMatch(/[\u0900-\u097f]/);
    }
  });

  it('has unique (act, section, sub-section) rows, each pointing at a known head', () => {
    const keys = sectionMappings.map((m) => `${m.act}|${m.section}|${m.subSection ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = new Set(crimeHeads.map((h) => h.crimeHeadId));
    for (const m of sectionMappings) {
      expect(ids.has(m.crimeHeadId), `${m.act} ${m.section}`).toBe(true);
      expect(acts).toContain(m.act);
    }
  });

  it('uses every crime head', () => {
    const used = new Set(sectionMappings.map((m) => m.crimeHeadId));
    expect(crimeHeads.filter((h) => !used.has(h.crimeHeadId)).map((h) => h.crimeHeadId)).toEqual([]);
  });

  it('has at least 45 IPC↔BNS pairs', () => {
    expect(sectionMappings.filter((m) => m.act === 'IPC' && m.bnsEquivalent).length).toBeGreaterThanOrEqual(45);
  });

  it('maps every IPC row and its BNS counterpart to the same crime head', () => {
    for (const m of sectionMappings.filter((x) => x.act === 'IPC')) {
      expect(m.bnsEquivalent, `IPC ${m.section}`).toBeDefined();
      const ipc = lookupCrimeHead('IPC', m.section, m.subSection)?.crimeHeadId;
      expect(ipc, `IPC ${m.section}`).toBe(m.crimeHeadId);
      expect(headOf('BNS', m.bnsEquivalent ?? ''), `IPC ${m.section} → BNS ${m.bnsEquivalent}`).toBe(ipc);
    }
  });

  it('maps every BNS row and its IPC counterparts to the same crime head', () => {
    for (const m of sectionMappings.filter((x) => x.act === 'BNS' && x.ipcEquivalent)) {
      const bns = lookupCrimeHead('BNS', m.section, m.subSection)?.crimeHeadId;
      expect(bns).toBe(m.crimeHeadId);
      for (const ipc of (m.ipcEquivalent ?? '').split(', ')) {
        expect(headOf('IPC', ipc), `BNS ${m.section} ← IPC ${ipc}`).toBe(bns);
      }
    }
  });

  it('maps the common pairs of the correspondence table', () => {
    const pairs: [string, string, string][] = [
      ['302', '103(1)', 'murder'],
      ['307', '109(1)', 'attempt_to_murder'],
      ['304B', '80(2)', 'dowry_death'],
      ['323', '115(2)', 'hurt'],
      ['354D', '78', 'stalking'],
      ['376', '64', 'rape'],
      ['379', '303(2)', 'theft'],
      ['392', '309(4)', 'robbery'],
      ['395', '310(2)', 'dacoity'],
      ['420', '318(4)', 'cheating'],
      ['498A', '85', 'cruelty_by_husband'],
      ['506', '351(2)', 'criminal_intimidation'],
      ['147', '191(2)', 'rioting'],
      ['120B', '61(2)', 'criminal_conspiracy'],
      ['34', '3(5)', 'common_intention'],
    ];
    for (const [ipc, bns, head] of pairs) {
      expect(headOf('IPC', ipc), ipc).toBe(head);
      expect(headOf('BNS', bns), bns).toBe(head);
    }
  });

  it('keeps the same number apart across acts', () => {
    expect(headOf('IPC', '302')).toBe('murder');
    expect(headOf('BNS', '302')).toBe('outraging_religious_feelings');
    expect(headOf('IPC', '333')).toBe('assault_on_public_servant');
    expect(headOf('BNS', '333')).toBe('house_trespass_for_hurt');
  });

  it('falls back from an unknown sub-section to the section', () => {
    expect(lookupCrimeHead('BNS', '80', null)?.crimeHeadId).toBe('dowry_death');
    expect(lookupCrimeHead('BNS', '64', '2')?.crimeHeadId).toBe('rape');
    expect(lookupCrimeHead('BNS', '310', '1')?.crimeHeadId).toBe('dacoity');
    expect(lookupCrimeHead('BNS', '140', '2')?.crimeHeadId).toBe('kidnapping_for_ransom');
    expect(lookupCrimeHead('IPC', '376', '2')?.crimeHeadId).toBe('rape');
    expect(lookupCrimeHead('IPC', '304 a', null)?.crimeHeadId).toBe('death_by_negligence');
    expect(lookupCrimeHead('IPC', '999', null)).toBeUndefined();
  });

  it('maps special and local laws, with fall-backs for longer citations', () => {
    expect(lookupCrimeHead('NDPS', '8/20', null)?.crimeGroup).toBe('ndps');
    expect(lookupCrimeHead('NDPS', '8(c)/21(b)', null)?.crimeHeadId).toBe('ndps_manufactured_drugs');
    expect(lookupCrimeHead('ARMS', '3/25', null)?.crimeHeadId).toBe('illegal_arms_possession');
    expect(lookupCrimeHead('ARMS', '25(1)(b)', null)?.crimeHeadId).toBe('illegal_arms_possession');
    expect(lookupCrimeHead('ARMS', '25/27', null)?.crimeHeadId).toBe('arms_use');
    expect(lookupCrimeHead('SCST', '3(1)(r)', null)?.crimeHeadId).toBe('sc_st_atrocity');
    expect(lookupCrimeHead('SCST', '3(2)(v)', null)?.role).toBe('qualifier');
    expect(lookupCrimeHead('IT', '66d', null)?.crimeGroup).toBe('cyber');
    expect(lookupCrimeHead('COW', '5A/8', null)?.crimeGroup).toBe('cow_slaughter');
    expect(lookupCrimeHead('GANGSTERS', '2/3', null)?.crimeHeadId).toBe('gangster_act');
    expect(lookupCrimeHead('EXCISE', '60/72', null)?.crimeGroup).toBe('excise');
  });

  it('marks 34 and 120B as qualifiers in group other', () => {
    for (const s of ['34', '120B']) {
      const h = lookupCrimeHead('IPC', s, null);
      expect(h?.crimeGroup).toBe('other');
      expect(h?.role).toBe('qualifier');
    }
  });

  it('picks the most serious head of an FIR, offences before qualifiers', () => {
    expect(mostSeriousCrimeHead(['common_intention', 'theft', 'receiving_stolen_property'])?.crimeHeadId).toBe('theft');
    expect(mostSeriousCrimeHead(['disappearance_of_evidence', 'murder', null])?.crimeHeadId).toBe('murder');
    expect(mostSeriousCrimeHead(['common_intention'])?.crimeHeadId).toBe('common_intention');
    expect(mostSeriousCrimeHead([])).toBeUndefined();
  });

  it('has an up-to-date generated doc (npx tsx reference/write-crime-heads-doc.ts)', async () => {
    expect(readFileSync(crimeHeadsDocPath, 'utf8')).toBe(await formatCrimeHeadsDoc());
  });
});
