/**
 * What an FIR recovers or seizes (liquor, narcotics, arms, cattle, cash, vehicles) and the one
 * quantity its brief facts quote, so that the facts and the seizure extract agree.
 */
import type { FactsKind } from './offences.ts';
import { chassisAndEngine, plateText, upPlate, type Plate } from './plates.ts';
import type { Rng } from './random.ts';

export type PropertyType = 'Vehicle' | 'Cash' | 'Narcotics' | 'Arms' | 'Liquor' | 'Cattle' | 'Mineral' | 'Other';

export interface Seizure {
  propertyType: PropertyType;
  description: { en: string; hi: string };
  quantity: string;
  unit: string;
  valueInr: string;
  registrationNumber: string;
  chassisNumber: string;
  engineNumber: string;
}

export interface Recovery {
  /** The quantity the brief facts quote (litres, kg, grams, cartridges, cattle, rupees, or an age). */
  qty: number;
  seizures: Seizure[];
}

function item(
  propertyType: PropertyType,
  en: string,
  hi: string,
  quantity: number | '',
  unit: string,
  valueInr: number | '' = '',
): Seizure {
  return {
    propertyType,
    description: { en, hi },
    quantity: quantity === '' ? '' : String(quantity),
    unit,
    valueInr: valueInr === '' ? '' : String(valueInr),
    registrationNumber: '',
    chassisNumber: '',
    engineNumber: '',
  };
}

/** A seized vehicle (not one reported stolen): plate from the range's RTOs, chassis, engine. */
export function seizedVehicle(rng: Rng, rto: string, en: string, hi: string): Seizure {
  const plate: Plate = upPlate(rto, rng.int(3_000_000, 4_000_000), false);
  const { chassis, engine } = chassisAndEngine(rng, en);
  return {
    ...item('Vehicle', en, hi, 1, 'number'),
    registrationNumber: plateText(plate),
    chassisNumber: chassis,
    engineNumber: engine,
  };
}

export function recoveryFor(rng: Rng, kind: FactsKind, rto: string): Recovery {
  switch (kind) {
    case 'liquor': {
      const qty = rng.int(5, 60);
      return {
        qty,
        seizures: [item('Liquor', 'illicit country-made liquor', 'अवैध कच्ची शराब', qty, 'litre', qty * 100)],
      };
    }
    case 'ganja': {
      const qty = rng.int(5, 250) / 10;
      return { qty, seizures: [item('Narcotics', 'ganja', 'गांजा', qty, 'kg', Math.round(qty * 8000))] };
    }
    case 'smack': {
      const qty = rng.int(5, 120);
      return { qty, seizures: [item('Narcotics', 'smack (heroin)', 'स्मैक', qty / 1000, 'kg', qty * 2000)] };
    }
    case 'tablets': {
      const qty = rng.int(50, 2000);
      return { qty, seizures: [item('Narcotics', 'psychotropic tablets', 'नशीली गोलियां', qty, 'number', qty * 10)] };
    }
    case 'doda': {
      const qty = rng.int(2, 40);
      return { qty, seizures: [item('Narcotics', 'doda (poppy straw)', 'डोडा पोस्त', qty, 'kg', qty * 1500)] };
    }
    case 'pistol': {
      const qty = rng.int(1, 4);
      return {
        qty,
        seizures: [
          item('Arms', 'country-made pistol', 'तमंचा', 1, 'number'),
          item('Arms', 'live cartridges', 'जिंदा कारतूस', qty, 'number'),
        ],
      };
    }
    case 'knife':
      return { qty: 1, seizures: [item('Arms', 'spring knife', 'नाजायज चाकू', 1, 'number')] };
    case 'arms_factory': {
      const qty = rng.int(2, 12);
      return {
        qty,
        seizures: [
          item('Arms', 'half-made country-made pistols', 'अधबने तमंचे', qty, 'number'),
          item('Other', 'tools for making arms', 'शस्त्र बनाने के उपकरण', '', ''),
        ],
      };
    }
    case 'gambling': {
      const qty = rng.int(8, 250) * 50;
      return { qty, seizures: [item('Cash', 'cash from the gambling spot (maal-phad)', 'मालफड़', '', '', qty)] };
    }
    case 'cow_smuggling': {
      const qty = rng.int(3, 25);
      return {
        qty,
        seizures: [
          item('Cattle', 'cattle (govansh)', 'गोवंश', qty, 'number'),
          seizedVehicle(rng, rto, 'Tata Ace pickup', 'पिकअप'),
        ],
      };
    }
    case 'cow_slaughter': {
      const qty = rng.int(10, 120);
      return { qty, seizures: [item('Other', 'meat (suspected beef) and tools', 'गोमांस व उपकरण', qty, 'kg')] };
    }
    case 'mining':
      return {
        qty: 1,
        seizures: [
          seizedVehicle(rng, rto, 'Mahindra 575 DI tractor-trolley', 'ट्रैक्टर-ट्राली'),
          item('Mineral', 'sand (balu)', 'बालू', rng.int(3, 12), 'cubic metre'),
        ],
      };
    case 'drunken_driving':
    case 'rash_driving':
      return {
        qty: 1,
        seizures: [
          seizedVehicle(rng, rto, rng.pick(['Hero Splendor Plus', 'Bajaj Pulsar 150', 'Mahindra Bolero']), 'वाहन'),
        ],
      };
    case 'kidnapping':
      return { qty: rng.int(9, 16), seizures: [] };
    case 'kidnapping_of_woman':
      return { qty: rng.int(15, 19), seizures: [] };
    default:
      return { qty: 0, seizures: [] };
  }
}
