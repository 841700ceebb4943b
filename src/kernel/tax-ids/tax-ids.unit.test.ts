// Brazilian tax ids (SALES-2, issue 8 item 4): valid and invalid vectors of numeric CPF, numeric
// CNPJ and alphanumeric CNPJ, punctuation optional, lower case accepted, repeated digits refused;
// checked against the library's own generator and against the published algorithm written out
// here independently (so a change in the library cannot silently change what we accept).
import { cnpj as cnpjLib, cpf as cpfLib } from 'cpf-cnpj-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { formatTaxId, normalizeTaxId, parseTaxId, sameTaxId, validateTaxId } from './index.ts';

/** Receita Federal's mod 11: each character valued as its ASCII code − 48 ('0'..'9' = 0..9, 'A' = 17 … 'Z' = 42). */
function mod11(body: string, weightOf: (positionFromRight: number) => number): number {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += (body.charCodeAt(body.length - 1 - i) - 48) * weightOf(i);
  const rest = total % 11;
  return rest < 2 ? 0 : 11 - rest;
}
/** CPF: weights 2, 3, 4 … from the right. */
const cpfDigits = (nine: string) => {
  const d1 = mod11(nine, (i) => i + 2);
  return `${d1}${mod11(nine + d1, (i) => i + 2)}`;
};
/** CNPJ (numeric and alphanumeric): weights 2..9 from the right, starting over after 9. */
const cnpjDigits = (twelve: string) => {
  const d1 = mod11(twelve, (i) => (i % 8) + 2);
  return `${d1}${mod11(twelve + d1, (i) => (i % 8) + 2)}`;
};

describe('valid tax ids', () => {
  const valid: [string, 'cpf' | 'cnpj', string, string][] = [
    // Numeric CPF
    ['529.982.247-25', 'cpf', '52998224725', '529.982.247-25'],
    ['52998224725', 'cpf', '52998224725', '529.982.247-25'],
    ['111.444.777-35', 'cpf', '11144477735', '111.444.777-35'],
    ['  111 444 777 35 ', 'cpf', '11144477735', '111.444.777-35'],
    ['111444777-35', 'cpf', '11144477735', '111.444.777-35'],
    ['000.000.001-91', 'cpf', '00000000191', '000.000.001-91'],
    // Mathematically valid; the library refuses it as a well-known sample, we do not (see decisions).
    ['123.456.789-09', 'cpf', '12345678909', '123.456.789-09'],
    // Numeric CNPJ
    ['11.222.333/0001-81', 'cnpj', '11222333000181', '11.222.333/0001-81'],
    ['11222333000181', 'cnpj', '11222333000181', '11.222.333/0001-81'],
    ['54.550.752/0001-55', 'cnpj', '54550752000155', '54.550.752/0001-55'],
    ['00.000.000/0001-91', 'cnpj', '00000000000191', '00.000.000/0001-91'], // Banco do Brasil
    // Alphanumeric CNPJ (the Receita Federal's own example), in every spelling
    ['12.ABC.345/01DE-35', 'cnpj', '12ABC34501DE35', '12.ABC.345/01DE-35'],
    ['12ABC34501DE35', 'cnpj', '12ABC34501DE35', '12.ABC.345/01DE-35'],
    ['12.abc.345/01de-35', 'cnpj', '12ABC34501DE35', '12.ABC.345/01DE-35'],
    ['12abc34501de35', 'cnpj', '12ABC34501DE35', '12.ABC.345/01DE-35'],
    ['12 ABC 345 01DE 35', 'cnpj', '12ABC34501DE35', '12.ABC.345/01DE-35'],
    ['12.ABC.345/01DE\u201335', 'cnpj', '12ABC34501DE35', '12.ABC.345/01DE-35'], // an en dash pasted from a document
    [`AB.CDE.FGH/IJKL-${cnpjDigits('ABCDEFGHIJKL')}`, 'cnpj', `ABCDEFGHIJKL${cnpjDigits('ABCDEFGHIJKL')}`, `AB.CDE.FGH/IJKL-${cnpjDigits('ABCDEFGHIJKL')}`],
  ];

  it.each(valid)('%s is a %s', (input, kind, normalized, formatted) => {
    expect(validateTaxId(input)).toEqual({ ok: true, kind, normalized, formatted });
    expect(parseTaxId(input)).toEqual({ kind, normalized, formatted });
  });

  it('the vectors agree with the published algorithm', () => {
    expect(cpfDigits('529982247')).toBe('25');
    expect(cnpjDigits('112223330001')).toBe('81');
    expect(cnpjDigits('12ABC34501DE')).toBe('35');
  });

  it('compares ids whatever their punctuation or case (SALES-9)', () => {
    expect(sameTaxId('12.abc.345/01de-35', '12ABC34501DE35')).toBe(true);
    expect(sameTaxId('529.982.247-25', '52998224725')).toBe(true);
    expect(sameTaxId('529.982.247-25', '111.444.777-35')).toBe(false);
    expect(sameTaxId('529.982.247-26', '529.982.247-26')).toBe(false); // an invalid id equals nothing
  });
});

describe('invalid tax ids', () => {
  const invalid: [string, 'invalid_format' | 'invalid_check_digits' | 'repeated_digits'][] = [
    // Format
    ['', 'invalid_format'],
    ['   ', 'invalid_format'],
    ['123', 'invalid_format'],
    ['529.982.247-2', 'invalid_format'], // 10 digits
    ['529.982.247-255', 'invalid_format'], // 12 digits
    ['11.222.333/0001-8', 'invalid_format'], // 13
    ['11.222.333/0001-811', 'invalid_format'], // 15
    ['52998224A25', 'invalid_format'], // a letter in a CPF
    ['12ABC34501DEA5', 'invalid_format'], // check digits are always numeric
    ['12.ABC.345/01DE-3X', 'invalid_format'],
    ['529.982.247-25!', 'invalid_format'], // not punctuation: refused, not dropped
    ['529_982_247_25', 'invalid_format'],
    ['12.ÁBC.345/01DE-35', 'invalid_format'], // only A-Z
    ['12.ABC.345/01DÉ-35', 'invalid_format'],
    ['５２９９８２２４７２５', 'invalid_format'], // full-width digits
    ['1'.repeat(41), 'invalid_format'],
    // Check digits
    ['529.982.247-24', 'invalid_check_digits'],
    ['529.982.247-52', 'invalid_check_digits'], // swapped check digits
    ['259.982.247-25', 'invalid_check_digits'], // swapped digits
    ['11.222.333/0001-82', 'invalid_check_digits'],
    ['11.222.333/0002-81', 'invalid_check_digits'],
    ['12.ABC.345/01DE-36', 'invalid_check_digits'],
    ['12.ABD.345/01DE-35', 'invalid_check_digits'],
    ['12.ABC.345/01ED-35', 'invalid_check_digits'], // swapped letters
  ];
  for (let d = 0; d <= 9; d++) {
    invalid.push([String(d).repeat(11), 'repeated_digits']);
    invalid.push([formatTaxId(String(d).repeat(11)), 'repeated_digits']);
    invalid.push([String(d).repeat(14), 'repeated_digits']);
    invalid.push([formatTaxId(String(d).repeat(14)), 'repeated_digits']);
  }

  it.each(invalid)('%j is refused: %s', (input, reason) => {
    expect(validateTaxId(input)).toEqual({ ok: false, reason });
  });

  it('repeated digits pass the arithmetic, so they are refused by their own rule', () => {
    expect(cpfDigits('111111111')).toBe('11');
    expect(cnpjDigits('000000000000')).toBe('00');
  });

  it('refuses for a request with a localized error naming the field', () => {
    const cases: [string, string, string, string][] = [
      ['123', 'tax_id_invalid_format', 'A tax id is a CPF (11 digits) or a CNPJ (14 characters)', 'Un identificador fiscal es un CPF (11 dígitos) o un CNPJ (14 caracteres)'],
      ['529.982.247-24', 'tax_id_invalid_check_digits', 'The check digits of this CPF do not match; please check it', 'Los dígitos verificadores de este CPF no coinciden; revísalo'],
      ['12.ABC.345/01DE-36', 'tax_id_invalid_check_digits', 'The check digits of this CNPJ do not match; please check it', 'Los dígitos verificadores de este CNPJ no coinciden; revísalo'],
      ['111.111.111-11', 'tax_id_repeated_digits', 'This CPF is not valid', 'Este CPF no es válido'],
    ];
    for (const [input, code, en, es] of cases) {
      try {
        parseTaxId(input, { field: 'buyer.taxId' });
        expect.unreachable();
      } catch (e) {
        if (!isAppError(e)) throw e;
        expect(e.code).toBe(code);
        expect(e.status).toBe(400);
        expect(e.field).toBe('buyer.taxId');
        expect(e.messageIn('en')).toBe(en);
        expect(e.messageIn('es')).toBe(es);
      }
    }
  });
});

describe('against the library generator and the published algorithm', () => {
  it('accepts whatever the library generates, bare and masked, in either case', () => {
    for (let i = 0; i < 500; i++) {
      for (const id of [cpfLib.generate(), cnpjLib.generate()]) {
        const formatted = id.length === 11 ? cpfLib.format(id) : cnpjLib.format(id);
        for (const input of [id, formatted, formatted.toLowerCase()]) {
          const r = validateTaxId(input);
          if (/^(.)\1*$/.test(id)) {
            expect(r).toEqual({ ok: false, reason: 'repeated_digits' });
          } else {
            expect(r).toEqual({ ok: true, kind: id.length === 11 ? 'cpf' : 'cnpj', normalized: id, formatted });
          }
        }
      }
    }
  });

  const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  const digit = fc.constantFrom(...'0123456789');

  it('property (CNPJ): valid exactly when the last two digits are the published check digits, as the library says', () => {
    fc.assert(
      fc.property(fc.string({ unit: alnum, minLength: 12, maxLength: 12 }), fc.option(fc.string({ unit: digit, minLength: 2, maxLength: 2 })), (body, tail) => {
        const id = body + (tail ?? cnpjDigits(body));
        const expected = id.slice(12) === cnpjDigits(body) && !/^(.)\1*$/.test(id);
        expect(validateTaxId(id).ok).toBe(expected);
        expect(validateTaxId(formatTaxId(id).toLowerCase()).ok).toBe(expected);
        expect(cnpjLib.isValid(id)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('property (CPF): valid exactly when the last two digits are the published check digits, as the library says', () => {
    fc.assert(
      fc.property(fc.string({ unit: digit, minLength: 9, maxLength: 9 }), fc.option(fc.string({ unit: digit, minLength: 2, maxLength: 2 })), (body, tail) => {
        const id = body + (tail ?? cpfDigits(body));
        const expected = id.slice(9) === cpfDigits(body) && !/^(.)\1*$/.test(id);
        expect(validateTaxId(id).ok).toBe(expected);
        expect(validateTaxId(formatTaxId(id)).ok).toBe(expected);
        if (id !== '12345678909') expect(cpfLib.isValid(id)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('normalizes without validating', () => {
    expect(normalizeTaxId(' 12.abc.345/01de-35 ')).toBe('12ABC34501DE35');
    expect(formatTaxId('nonsense')).toBe('nonsense');
  });
});
