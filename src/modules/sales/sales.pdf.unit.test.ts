// The PDF renderer (SALES-3, SALES-4) without a database: a real PDF whose text, read back by
// pdf.js, has the receipt, the accents and letters outside Latin-1, the currency symbols and
// the dates in the seller's time zone, in each language.
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.ts';
import { formatMoney } from '../../kernel/money/index.ts';
import { renderOrderPdf, type OrderPdfInput } from './sales.pdf.ts';
import type { OrderView } from './sales.schemas.ts';

const brl = (amount: number) => ({ amount, currency: 'BRL' });
const order: OrderView = {
  id: '0190aaaa-0000-7000-8000-000000000001',
  receipt: 'K7MP4XR2QD',
  accountId: '0190aaaa-0000-7000-8000-000000000002',
  productId: '0190aaaa-0000-7000-8000-000000000003',
  productName: 'Curso de fotografía',
  productKind: 'standard',
  status: 'partially_refunded',
  channel: 'checkout',
  buyer: { name: 'Ana Pérez Łukasiewicz', email: 'ana@example.com', taxId: '52998224725' },
  subtotal: brl(10000),
  tax: brl(1800),
  total: brl(11800),
  paid: brl(11800),
  refunded: brl(2000),
  paymentMethod: 'visa •••• 4242',
  // 02:30 UTC on 6 January is still 5 January in São Paulo.
  createdAt: '2026-01-06T02:30:00.000Z',
  subscription: null,
  checkIn: null,
};
const input: OrderPdfInput = {
  order,
  seller: { name: 'Cursos Brasil', email: 'atendimento@cursos.example', timeZone: 'America/Sao_Paulo' },
  taxRateBp: 1800,
  generatedAt: new Date('2026-02-01T12:00:00Z'),
};

describe('renderOrderPdf', () => {
  it('writes a receipt in English: R$ amounts, the buyer with accents and Polish letters, the date in the seller zone', async () => {
    const pdf = await renderOrderPdf(input, 'receipt', 'en');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Receipt');
    expect(text).toContain('No. K7MP4XR2QD');
    expect(text).toContain('Ana Pérez Łukasiewicz');
    expect(text).toContain('529.982.247-25');
    expect(text).toContain('R$118.00');
    expect(text).toContain('R$18.00');
    expect(text).toContain('Tax (18%)');
    expect(text).toContain('− R$20.00');
    expect(text).toContain('visa •••• 4242');
    expect(text).toContain('Partially refunded');
    expect(text).toMatch(/January 5, 2026/);
  });

  it('writes an invoice in Spanish with euros and Intl’s non-breaking spaces intact', async () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const euros: OrderPdfInput = { ...input, order: { ...order, subtotal: eur(4990), tax: eur(0), total: eur(4990), paid: eur(4990), refunded: eur(0), status: 'approved' } };
    const text = await pdfText(await renderOrderPdf(euros, 'invoice', 'es'));
    const total = formatMoney({ amount: 4990, currency: 'EUR' }, 'es');
    expect(total).toBe('49,90\u00a0€');
    expect(text).toContain('Factura');
    expect(text).toContain('N.º K7MP4XR2QD');
    // pdf.js gives a non-breaking space back as a plain one: compare by what is seen.
    expect(text.replace(/\u00a0/g, ' ')).toContain('49,90 €');
    expect(text).toContain('Curso de fotografía · Producto');
    expect(text).toContain('Aprobado');
    expect(text).toContain('5 de enero de 2026');
    expect(text).not.toContain('Reembolsado');
  });

  it('an invoice of a subscription carries its number and period', async () => {
    const sub: OrderPdfInput = {
      ...input,
      order: {
        ...order,
        productKind: 'recurring',
        status: 'approved',
        refunded: brl(0),
        subscription: { id: '0190aaaa-0000-7000-8000-000000000009', status: 'active', period: 'month', price: brl(10000), currentPeriodEnd: '2026-03-06T02:30:00.000Z', cancelledAt: null },
      },
      invoice: {
        number: 2,
        periodStart: '2026-02-06T02:30:00.000Z',
        periodEnd: '2026-03-06T02:30:00.000Z',
        subtotal: brl(10000),
        tax: brl(1800),
        total: brl(11800),
        refunded: brl(0),
        status: 'paid',
        paidAt: '2026-02-06T02:30:00.000Z',
      },
    };
    const text = await pdfText(await renderOrderPdf(sub, 'invoice', 'es'));
    expect(text).toContain('N.º K7MP4XR2QD-2');
    expect(text.replace(/\s+/g, ' ')).toContain('Periodo: 5 de febrero de 2026 – 5 de marzo de 2026');
    expect(text).toContain('Curso de fotografía · Suscripción mensual (factura 2)');
    expect(text).toContain('Pagada');
  });
});
