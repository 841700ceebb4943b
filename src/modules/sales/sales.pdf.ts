// Receipts and invoices as PDF (SALES-3, SALES-4): one renderer for the buyer's order page, the
// seller's Transactions tab and the receipt e-mail. Amounts through the money kernel's
// formatMoney in the reader's language; dates in the seller account's time zone.
//
// Fonts (docs/sales.md, "PDFs (fonts)"): pdfkit's built-in Helvetica only encodes WinAnsi, which
// covers "R$", "€", accents and Intl's non-breaking spaces but silently garbles letters like
// Ł, ğ or ź and everything after them; buyers' names come from anywhere. So the DejaVu Sans
// TrueType files are embedded (subset: only the glyphs used), read from the `dejavu-fonts-ttf`
// package in node_modules: nothing is fetched at run time and no system font is needed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../kernel/i18n.ts';
import { formatMoney, type Currency } from '../../kernel/money/index.ts';
import { formatTaxId } from '../../kernel/tax-ids/index.ts';
import type { OrderView } from './sales.schemas.ts';

export type PdfKind = 'receipt' | 'invoice';

/** An amount as the API shapes carry it (MoneyOut): minor units and an ISO 4217 code. */
type Amount = { amount: number; currency: string };

/** One invoice of a subscription (its rebill), as the invoice PDF shows it. */
export interface PdfInvoice {
  number: number;
  periodStart: string | Date;
  periodEnd: string | Date;
  subtotal: Amount;
  tax: Amount;
  total: Amount;
  refunded: Amount;
  status: 'trial' | 'open' | 'paid' | 'failed' | 'void';
  paidAt: string | Date | null;
}

export interface OrderPdfInput {
  order: OrderView;
  seller: {
    name: string;
    /** The customer-service address (NOTIF-1), or the account's own. */
    email: string;
    taxId?: string | null;
    /** IANA zone of the seller account; dates are shown in it (UTC when unset). */
    timeZone: string | null;
  };
  /** The order's tax rate in basis points, when known: "Tax (18 %)". */
  taxRateBp?: number;
  /** For `invoice` of a subscription: which invoice (number and period). */
  invoice?: PdfInvoice;
  /** When the document is produced (the injected clock): printed in the footer and the metadata. */
  generatedAt: Date;
}

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

const T = {
  es: {
    receipt: 'Recibo',
    invoice: 'Factura',
    number: 'N.º',
    date: 'Fecha',
    period: 'Periodo',
    billedTo: 'Cliente',
    seller: 'Vendedor',
    taxId: 'Identificación fiscal',
    description: 'Concepto',
    amount: 'Importe',
    subtotal: 'Subtotal',
    tax: 'Impuestos',
    total: 'Total',
    paid: 'Pagado',
    paidAll: 'Pagado en total (todas las facturas)',
    refunded: 'Reembolsado',
    payment: 'Forma de pago',
    status: 'Estado',
    invoiceOf: (n: number) => `factura ${n}`,
    nextInvoice: 'Próxima factura',
    generated: (at: string) => `Documento generado el ${at}. Las fechas están en la zona horaria del vendedor.`,
    kinds: { standard: 'Producto', recurring: 'Suscripción', event: 'Evento presencial' },
    subscription: (period: 'week' | 'month' | 'year') => `Suscripción ${{ week: 'semanal', month: 'mensual', year: 'anual' }[period]}`,
    statuses: {
      approved: 'Aprobado',
      claimed: 'Reembolso solicitado',
      partially_refunded: 'Reembolsado en parte',
      refunded: 'Reembolsado',
      cancelled: 'Cancelado',
      chargeback: 'Contracargo',
    },
    invoiceStatuses: { trial: 'Prueba gratuita', open: 'Pendiente', paid: 'Pagada', failed: 'Pago fallido', void: 'Anulada' },
  },
  en: {
    receipt: 'Receipt',
    invoice: 'Invoice',
    number: 'No.',
    date: 'Date',
    period: 'Period',
    billedTo: 'Billed to',
    seller: 'Seller',
    taxId: 'Tax id',
    description: 'Description',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'Tax',
    total: 'Total',
    paid: 'Paid',
    paidAll: 'Paid in all (every invoice)',
    refunded: 'Refunded',
    payment: 'Payment method',
    status: 'Status',
    invoiceOf: (n: number) => `invoice ${n}`,
    nextInvoice: 'Next invoice',
    generated: (at: string) => `Document generated on ${at}. Dates are in the seller's time zone.`,
    kinds: { standard: 'Product', recurring: 'Subscription', event: 'In-person event' },
    subscription: (period: 'week' | 'month' | 'year') => `${{ week: 'Weekly', month: 'Monthly', year: 'Yearly' }[period]} subscription`,
    statuses: {
      approved: 'Approved',
      claimed: 'Refund requested',
      partially_refunded: 'Partially refunded',
      refunded: 'Refunded',
      cancelled: 'Cancelled',
      chargeback: 'Chargeback',
    },
    invoiceStatuses: { trial: 'Free trial', open: 'Open', paid: 'Paid', failed: 'Payment failed', void: 'Void' },
  },
} as const;

/** "20 May 2027, 19:00 BRT" in the seller's zone and the reader's language. */
export function pdfDate(at: string | Date, zone: string | null, locale: Locale, withTime = true): string {
  const dt = (typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at)).setZone(zone ?? 'utc').setLocale(locale);
  return withTime
    ? dt.toLocaleString({ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
    : dt.toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' });
}

function percent(bp: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** The document number: the receipt, and for a subscription's invoice the receipt and the invoice's number. */
export function pdfNumber(order: Pick<OrderView, 'receipt'>, invoice?: Pick<PdfInvoice, 'number'>): string {
  return invoice ? `${order.receipt}-${invoice.number}` : order.receipt;
}

/** A page being drawn: the document, its text column, and how its reader reads words, money and dates. */
interface Sheet {
  doc: InstanceType<typeof PDFDocument>;
  t: (typeof T)[Locale];
  locale: Locale;
  /** The seller account's time zone: every date is shown in it. */
  zone: string | null;
  left: number;
  width: number;
  money: (m: Amount) => string;
}

const GRAY = '#555555';

/** A receipt or an invoice of an order, as PDF bytes. */
export function renderOrderPdf(input: OrderPdfInput, kind: PdfKind, locale: Locale): Promise<Buffer> {
  const t = T[locale];
  const { order, seller, invoice } = input;
  const title = kind === 'receipt' ? t.receipt : t.invoice;
  const number = pdfNumber(order, invoice);

  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: locale,
    info: { Title: `${title} ${number}`, Author: seller.name, Subject: order.productName, Creator: 'Mostrador', Producer: 'Mostrador', CreationDate: input.generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = loadFonts();
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);

  const left = doc.page.margins.left;
  const sheet: Sheet = {
    doc,
    t,
    locale,
    zone: seller.timeZone,
    left,
    width: doc.page.width - left - doc.page.margins.right,
    money: (m: Amount) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, locale),
  };
  drawHeading(sheet, input, title, number);
  drawBuyer(sheet, order.buyer);
  drawLines(sheet, input);
  drawFacts(sheet, input);

  // Footer.
  doc.moveDown(3);
  doc.font('body').fontSize(8).fillColor(GRAY).text(t.generated(pdfDate(input.generatedAt, sheet.zone, locale)), left, doc.y, { width: sheet.width });
  doc.end();
  return done;
}

/** The seller on the left, the document (title, number, date, an invoice's period) on the right. */
function drawHeading({ doc, t, locale, zone, left, width }: Sheet, { order, seller, invoice }: OrderPdfInput, title: string, number: string): void {
  const half = width / 2;
  const top = doc.y;
  doc.font('bold').fontSize(16).fillColor('black').text(seller.name, left, top, { width: half - 10 });
  doc.font('body').fontSize(9).fillColor(GRAY).text(seller.email, { width: half - 10 });
  if (seller.taxId) doc.text(`${t.taxId}: ${formatTaxId(seller.taxId)}`, { width: half - 10 });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(16).fillColor('black').text(title, left + half, top, { width: half, align: 'right' });
  doc.font('body').fontSize(10).text(`${t.number} ${number}`, { width: half, align: 'right' });
  const issued = invoice ? (invoice.paidAt ?? invoice.periodStart) : order.createdAt;
  doc.fillColor(GRAY).text(`${t.date}: ${pdfDate(issued, zone, locale)}`, { width: half, align: 'right' });
  if (invoice) doc.text(`${t.period}: ${pdfDate(invoice.periodStart, zone, locale, false)} – ${pdfDate(invoice.periodEnd, zone, locale, false)}`, { width: half, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 24;
}

/** Who bought. */
function drawBuyer({ doc, t, left }: Sheet, buyer: OrderView['buyer']): void {
  doc.font('bold').fontSize(10).fillColor('black').text(t.billedTo, left);
  doc.font('body').text(buyer.name).fillColor(GRAY).text(buyer.email);
  if (buyer.taxId) doc.text(`${t.taxId}: ${formatTaxId(buyer.taxId)}`);
  doc.moveDown(1.5);
}

/** The lines: what, then the money (subtotal, tax, total; what a subscription paid in all; what was refunded). */
function drawLines(sheet: Sheet, { order, invoice, taxRateBp }: OrderPdfInput): void {
  const { doc, t, locale, left, width, money } = sheet;
  const amountX = left + width - 160;
  const row = (label: string, value: string, options: { strong?: boolean; muted?: boolean } = {}) => {
    const y = doc.y;
    doc.font(options.strong ? 'bold' : 'body').fontSize(10).fillColor(options.muted ? GRAY : 'black');
    doc.text(label, left, y, { width: amountX - left - 10 });
    const after = doc.y;
    doc.text(value, amountX, y, { width: 160, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  };
  const rule = () => {
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.y += 6;
  };
  const head = doc.y;
  doc.font('bold').fontSize(9).fillColor(GRAY).text(t.description.toUpperCase(), left, head, { width: 200 });
  doc.text(t.amount.toUpperCase(), amountX, head, { width: 160, align: 'right' });
  doc.y += 2;
  rule();
  const sub = order.subscription;
  const what = sub
    ? `${order.productName} · ${t.subscription(sub.period)}${invoice ? ` (${t.invoiceOf(invoice.number)})` : ''}`
    : `${order.productName} · ${t.kinds[order.productKind]}`;
  const lines = invoice ?? { subtotal: order.subtotal, tax: order.tax, total: order.total, refunded: order.refunded };
  row(what, money(lines.subtotal));
  row(taxRateBp !== undefined ? `${t.tax} (${percent(taxRateBp, locale)})` : t.tax, money(lines.tax), { muted: true });
  rule();
  row(t.total, money(lines.total), { strong: true });
  if (!invoice && sub && order.paid.amount !== order.total.amount) row(t.paidAll, money(order.paid), { muted: true });
  if (lines.refunded.amount > 0) row(t.refunded, `− ${money(lines.refunded)}`, { muted: true });
  doc.moveDown(1.5);
}

/** How it was paid and in what state it is (and a live subscription's next invoice). */
function drawFacts({ doc, t, locale, zone, left, width }: Sheet, { order, invoice }: OrderPdfInput): void {
  const sub = order.subscription;
  const facts: Array<[string, string]> = [
    [t.payment, order.paymentMethod],
    [t.status, invoice ? t.invoiceStatuses[invoice.status] : t.statuses[order.status]],
  ];
  if (sub && !invoice && sub.status !== 'cancelled') facts.push([t.nextInvoice, pdfDate(sub.currentPeriodEnd, zone, locale, false)]);
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font('body').fontSize(10).fillColor(GRAY).text(label, left, y, { width: 150 });
    doc.fillColor('black').text(value, left + 150, y, { width: width - 150 });
  }
}
