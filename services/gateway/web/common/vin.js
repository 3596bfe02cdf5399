// Vehicle identification numbers: ISO 3779, with the check digit of GB 16735 / 49 CFR 565,
// computed as the declaration service does (clearway_declaration.declarations.vin).

const SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/; // I, O and Q are never used
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const LETTER_VALUES = Object.fromEntries(
  [...'ABCDEFGHJKLMNPRSTUVWXYZ'].map((letter, index) => [
    letter,
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9][index],
  ]),
);

const value = (char) => (char >= '0' && char <= '9' ? Number(char) : LETTER_VALUES[char]);

/** The check digit a 17-character VIN must carry at position 9 ('X' stands for 10). */
export function checkDigit(vin) {
  const total = [...vin].reduce((sum, char, index) => sum + value(char) * WEIGHTS[index], 0);
  const remainder = total % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Why `vin` is not a valid VIN, as {code, ...params} for a translated message, or null.
 * Codes: length (with `typed`), letters, check_digit (with `expected`).
 */
export function vinProblem(vin) {
  if (vin.length !== 17) return { code: 'length', typed: vin.length };
  if (!SHAPE.test(vin)) return { code: 'letters' };
  const expected = checkDigit(vin);
  if (vin[8] !== expected) return { code: 'check_digit', expected };
  return null;
}

/** What a scanner or a keyboard typed, as a VIN is written: capitals, no spaces. */
export const normalVin = (typed) => typed.replace(/\s+/g, '').toUpperCase();
