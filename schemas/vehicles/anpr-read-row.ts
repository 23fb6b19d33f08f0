import { z } from 'zod';
import { istDateTime, optionalNumberIn, optionalText, requiredText } from '../fields.ts';

/** One line of an ANPR camera read export (see layout.ts), validated and typed. */
export const anprReadRow = z.object({
  camera_id: requiredText,
  place: optionalText,
  // India's bounding box: a point outside it is a data-entry error.
  latitude: optionalNumberIn(6, 37.5),
  longitude: optionalNumberIn(68, 97.5),
  read_at: istDateTime,
  // Kept exactly as read (only trimmed): unreadable text is still a sighting.
  plate_text: requiredText,
  // 0–1, or a percentage when above 1.
  confidence: optionalNumberIn(0, 100).transform((n) => (n !== null && n > 1 ? n / 100 : n)),
});
export type AnprReadRow = z.output<typeof anprReadRow>;
