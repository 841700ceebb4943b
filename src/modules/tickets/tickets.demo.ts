// The tickets' demo step (src/kernel/module.ts, DemoStep): the demo's support tickets (issue 9 item 12): a handful in each of Lucía's accounts, of every
// type and state, written by the tickets service itself with the demo's clock moved back to each
// step, so every row (ticket, history, the order's claim, refund, cancellation, links, audit) is
// what the product writes. Buyers, the seller (Lucía), platform staff and the sweep act in time
// order; the sweep runs at every instant something of a ticket falls due, as the periodic job
// would, so the refunds, cancellations, warnings and closings of the past are its own.
//
// Some tickets fall due minutes or hours after the demo's "now", so a person trying the demo
// sees the timers count down (and can jump ahead with the sandbox clock): a refund the seller
// opened (5 minutes, TKT-7, any day), buyers' refunds due in about 20 minutes and 3 hours, a
// support ticket's reminder in 2 hours (elapsed hours: any day). Buyers' refunds never fall on
// the seller's weekend (TKT-4, TKT-13): their openings are computed backwards with the rules
// themselves, in whichever account's zone brings the due time closest to the target; on a
// weekend in every zone that is Monday.
//
// Each ticket goes on a demo order nothing else happened to after the ticket's story starts (the
// sales of demo-sales.ts ran before), so the order's own history stays in time order.
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { ManualClock } from '../../kernel/clock.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { type DemoStep, madeBefore } from '../../kernel/module.ts';
import { DEMO_STAFF } from '../../seed/demo-logins.ts';
import { seededRandom } from '../../seed/random.ts';
import { createTicketMoney } from '../sales/index.ts';
import { createDemoTicketsRepository, type TicketableOrder } from './tickets.demo.repository.ts';
import { TKT_4_processAt, TKT_8_schedule, type Opener, type TicketType } from './tickets.rules.ts';
import { createTicketsService, type TicketActor } from './tickets.service.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How long after something falls due the demo's sweep handles it (the server's runs every 2 s). */
const SWEEP_LAG_MS = 2_000;

/** What the demo aims at: the due times a person sees counting down right after the demo loads. */
export const DEMO_TICKET_TARGETS = {
  /** A buyer's refund (TKT-4): about 20 minutes from now. */
  refundSoon: 20 * MINUTE_MS,
  /** Another buyer's refund: about 3 hours from now. */
  refundLater: 3 * HOUR_MS,
  /** A support ticket waiting on the buyer: its inactivity warning (TKT-8, 7 business days) in 40 minutes. */
  buyerWarning: 40 * MINUTE_MS,
} as const;

export interface DemoTicketsTeam {
  /** Lucía: the seller's side, named in the history by her e-mail and in the audit log as the demo. */
  owner: { actor: AuditActor };
  ownerEmail: string;
  accounts: ReadonlyArray<{ id: string; username: string; timeZone: string }>;
}

// ---------------------------------------------------------------------------------------------
// Planning, pure

/**
 * The soonest due time at or after `target` that an opening within [earliest, latest] gives, and
 * that opening (whole seconds). `due` is one of the rules' timers of the opening instant: never
 * decreasing (moving off a weekend or counting business days keeps the order), so a bisection
 * finds the first opening whose due time reaches the target. On a weekend in the seller's zone
 * the answer is Monday: nothing the rules allow falls sooner.
 */
export function openingFor(due: (openAt: Date) => Date, target: Date, earliest: Date, latest: Date): { openAt: Date; dueAt: Date } {
  let lo = Math.floor(earliest.getTime() / 1000);
  let hi = Math.floor(latest.getTime() / 1000);
  const reaches = (s: number) => due(new Date(s * 1000)).getTime() >= target.getTime();
  if (reaches(lo)) return { openAt: new Date(lo * 1000), dueAt: due(new Date(lo * 1000)) };
  if (!reaches(hi)) throw new Error('demo tickets: no opening in range reaches the target');
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return { openAt: new Date(hi * 1000), dueAt: due(new Date(hi * 1000)) };
}

/** TKT-4 for a buyer's (or staff's) refund ticket opened at `at` in `zone`. */
const buyerProcessAt = (zone: string) => (at: Date) => TKT_4_processAt(at, 'buyer', zone, false);
/** TKT-8: the inactivity warning of a support ticket waiting on the buyer since `at`. */
const buyerTurnWarning = (zone: string) => (at: Date) => TKT_8_schedule(at, 'buyer', zone).warnings[0]!;

/** Where and when a near-due story opens: the account whose zone gives the soonest due time (ties: the first preferred). */
export function soonestIn(
  accounts: ReadonlyArray<{ username: string; timeZone: string }>,
  due: (zone: string) => (at: Date) => Date,
  target: Date,
  earliest: Date,
  latest: Date,
): Array<{ username: string; openAt: Date; dueAt: Date }> {
  return accounts
    .map((a, i) => ({ i, username: a.username, ...openingFor(due(a.timeZone), target, earliest, latest) }))
    .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || x.i - y.i)
    .map(({ i: _i, ...rest }) => rest);
}

// ---------------------------------------------------------------------------------------------
// The stories

type Party = 'buyer' | 'seller' | 'staff';
/** A text in the reader's language: the buyer's for what the buyer and staff write; sellers write Spanish (every demo account does). */
type Words = Record<Locale, string> | ((product: string) => Record<Locale, string>);

type Step =
  | { kind: 'comment'; by: Party; text: Words }
  | { kind: 'change_type'; by: 'buyer' | 'seller'; to: TicketType; consent?: boolean; text?: Words }
  | { kind: 'close'; by: 'buyer' | 'seller'; consent?: boolean; text?: Words }
  | { kind: 'reopen'; by: 'buyer' | 'seller'; text?: Words }
  | { kind: 'escalate'; text?: Words }
  | { kind: 'decide'; decision: 'uphold' | 'reopen'; text: Words };

interface Story {
  name: string;
  /** Accounts to try, in order; the first with a fitting order takes it. */
  accounts: string[];
  /** Near-due stories: the opening per zone, the soonest account first (instead of `openAt`). */
  soonest?: { due: (zone: string) => (at: Date) => Date; target: number; earliest: number; latest: number; lead?: number };
  /** Minutes/hours before the demo's now (ms). */
  openAt?: number;
  type: TicketType;
  by: Opener;
  /** Which orders fit (besides "nothing happened to it after the opening"). */
  fits: (o: TicketableOrder, openAt: number, now: number) => boolean;
  reason: string | null;
  comment: Words;
  /** What follows, each `after` ms after the opening; steps at or after now are left out. */
  steps: Array<{ after: number } & Step>;
}

const both = (es: string, en: string) => ({ es, en });
const ACCOUNTS = ['cursosbrasil', 'librosmadrid', 'eventosmx'];
/** The demo's accounts to try, `first` first. */
const from = (first: string) => [first, ...ACCOUNTS.filter((u) => u !== first)];
/** A buyer's refund: a one-off product, paid, within TKT-11's 60 days with room to spare. */
const buyerRefundable = (o: TicketableOrder, openAt: number) =>
  o.productKind === 'standard' && o.status === 'approved' && o.paidAmount > 0 && o.createdAt.getTime() > openAt - 50 * DAY_MS;
/** A subscription that still renews and was not renewed after the story starts. */
const renewing = (o: TicketableOrder) => o.productKind === 'recurring' && o.status === 'approved' && (o.subscriptionStatus === 'active' || o.subscriptionStatus === 'trialing');
const anyApproved = (o: TicketableOrder) => o.status === 'approved';
const buyerRefund = { type: 'refund', by: 'buyer', fits: buyerRefundable } as const;
/** A buyer's refund due `target` ms after now, opened up to 5 days before. */
const refundDueIn = (target: number) => ({ due: buyerProcessAt, target, earliest: 5 * DAY_MS, latest: HOUR_MS });

function stories(): Story[] {
  const { refundSoon, refundLater, buyerWarning } = DEMO_TICKET_TARGETS;
  return [
    // --- refunds ----------------------------------------------------------------------------
    {
      name: 'refund processed by the sweep',
      accounts: from('cursosbrasil'),
      openAt: 6 * DAY_MS + 3 * HOUR_MS,
      ...buyerRefund,
      reason: 'No es lo que esperaba',
      comment: (p) => both(`Compré «${p}» pero el contenido es demasiado básico para mí. Quiero el reembolso.`, `I bought "${p}" but it is too basic for me. I would like a refund.`),
      steps: [{ after: 3 * HOUR_MS, kind: 'comment', by: 'seller', text: both('Lamentamos que no te haya servido. El reembolso se procesará automáticamente.', 'Sorry it did not help. The refund will be processed automatically.') }],
    },
    {
      name: 'refund due in about 20 minutes',
      accounts: from('librosmadrid'),
      soonest: refundDueIn(refundSoon),
      ...buyerRefund,
      reason: 'Compra por error',
      comment: (p) => both(`Compré «${p}» por error, era para otra persona. ¿Me devuelven el dinero?`, `I bought "${p}" by mistake; it was meant for someone else. Can I get my money back?`),
      steps: [{ after: 2 * HOUR_MS, kind: 'comment', by: 'seller', text: both('Hola, ¿quieres que lo transfiramos a la otra persona en lugar de reembolsarlo?', 'Hi, would you like us to transfer it to the other person instead of refunding it?') }],
    },
    {
      name: 'refund due in about 3 hours',
      accounts: from('eventosmx'),
      soonest: refundDueIn(refundLater),
      ...buyerRefund,
      reason: 'No puedo acceder al contenido',
      comment: (p) => both(`No consigo abrir «${p}» desde mi teléfono. Si no se puede, prefiero el reembolso.`, `I cannot open "${p}" on my phone. If that cannot be fixed, I would rather have a refund.`),
      steps: [],
    },
    {
      name: 'refund saved by the seller with the buyer’s consent',
      accounts: from('librosmadrid'),
      openAt: 3 * DAY_MS + 5 * HOUR_MS,
      ...buyerRefund,
      reason: 'Formato incompatible',
      comment: (p) => both(`«${p}» no se abre en mi lector de libros electrónicos. Quiero el reembolso.`, `"${p}" will not open on my e-reader. I would like a refund.`),
      steps: [
        { after: 2 * HOUR_MS, kind: 'comment', by: 'seller', text: both('Te enviamos también la versión en PDF y en EPUB. ¿Te sirve alguna?', 'We are sending you the PDF and EPUB versions too. Does either work for you?') },
        { after: 4 * HOUR_MS, kind: 'comment', by: 'buyer', text: both('Sí, el EPUB funciona perfectamente. Gracias, ya no necesito el reembolso.', 'Yes, the EPUB works perfectly. Thanks, I no longer need the refund.') },
        { after: 5 * HOUR_MS, kind: 'close', by: 'seller', consent: true, text: both('El comprador confirma que el EPUB le funciona y retira la solicitud.', 'The buyer confirms the EPUB works and withdraws the request.') },
      ],
    },
    {
      name: 'refund changed to support by the seller',
      accounts: from('eventosmx'),
      openAt: 2 * DAY_MS,
      ...buyerRefund,
      reason: 'Problema con la descarga',
      comment: (p) => both(`La descarga de «${p}» se corta a la mitad. Si no se arregla, quiero el reembolso.`, `The download of "${p}" stops halfway. If it is not fixed I would like a refund.`),
      steps: [
        {
          after: 6 * HOUR_MS,
          kind: 'change_type',
          by: 'seller',
          to: 'support',
          consent: true,
          text: both('Acordamos con el comprador revisar la descarga antes de reembolsar; lo pasamos a soporte.', 'We agreed with the buyer to look into the download before refunding; moved to support.'),
        },
        { after: 8 * HOUR_MS, kind: 'comment', by: 'buyer', text: both('De acuerdo. Os mando una captura del error.', 'Fine. I am sending you a screenshot of the error.') },
      ],
    },
    {
      name: 'refund escalated to staff',
      accounts: from('cursosbrasil'),
      openAt: 30 * HOUR_MS,
      ...buyerRefund,
      reason: 'El curso no corresponde a la descripción',
      comment: (p) => both(`La descripción de «${p}» prometía ejercicios prácticos y no hay ninguno.`, `The description of "${p}" promised practical exercises and there are none.`),
      steps: [
        { after: 4 * HOUR_MS, kind: 'close', by: 'seller', consent: true, text: both('El comprador aceptó acceso a la nueva versión del curso a cambio del reembolso.', 'The buyer accepted access to the new version of the course instead of the refund.') },
        { after: 7 * HOUR_MS, kind: 'escalate', text: both('Yo no acepté cerrar la solicitud: sigo queriendo el reembolso.', 'I never agreed to close the request: I still want the refund.') },
      ],
    },
    {
      name: 'refund changed to support, escalated, upheld',
      accounts: from('librosmadrid'),
      openAt: 8 * DAY_MS,
      ...buyerRefund,
      reason: 'Faltan capítulos',
      comment: (p) => both(`A mi copia de «${p}» le faltan los dos últimos capítulos.`, `My copy of "${p}" is missing the last two chapters.`),
      steps: [
        { after: 5 * HOUR_MS, kind: 'change_type', by: 'seller', to: 'support', consent: true, text: both('Le enviamos la edición completa; el comprador prefirió eso al reembolso.', 'We sent the complete edition; the buyer preferred that to a refund.') },
        { after: DAY_MS, kind: 'escalate', text: both('Quiero que lo revise la plataforma.', 'I would like the platform to review this.') },
        { after: 2 * DAY_MS, kind: 'decide', decision: 'uphold', text: both('Revisamos el historial: el comprador aceptó la edición completa. Se mantiene el cambio.', 'We reviewed the history: the buyer accepted the complete edition. The change stands.') },
      ],
    },
    {
      name: 'refund reopened by staff after an escalation',
      accounts: from('eventosmx'),
      openAt: 3 * DAY_MS,
      ...buyerRefund,
      reason: 'Cobro duplicado',
      comment: (p) => both(`Me cobraron dos veces «${p}».`, `I was charged twice for "${p}".`),
      steps: [
        { after: 3 * HOUR_MS, kind: 'close', by: 'seller', consent: true, text: both('El comprador dice que fue un único cargo; cerramos.', 'The buyer says it was a single charge; closing.') },
        { after: 6 * HOUR_MS, kind: 'escalate', text: both('No es cierto, tengo dos cargos en el extracto.', 'That is not true: my statement shows two charges.') },
        // 18 hours before now: the new due time is at least 6 hours ahead.
        { after: 3 * DAY_MS - 18 * HOUR_MS, kind: 'decide', decision: 'reopen', text: both('El extracto muestra dos cargos: reabrimos la solicitud de reembolso.', 'The statement shows two charges: the refund request is reopened.') },
      ],
    },
    {
      name: 'refund opened by the seller (5 minutes)',
      accounts: from('cursosbrasil'),
      openAt: MINUTE_MS,
      type: 'refund',
      by: 'seller',
      fits: (o, openAt) => o.productKind === 'standard' && o.status === 'approved' && o.paidAmount > 0 && o.createdAt.getTime() > openAt - 80 * DAY_MS,
      reason: 'Reembolso acordado por teléfono',
      comment: both('Reembolsamos la compra por un problema técnico de nuestra plataforma. Disculpa las molestias.', 'We are refunding this purchase because of a technical problem on our side. Sorry for the trouble.'),
      steps: [],
    },
    {
      name: 'refund opened by staff for a buyer who phoned',
      accounts: from('eventosmx'),
      openAt: 5 * HOUR_MS,
      type: 'refund',
      by: 'staff',
      fits: buyerRefundable,
      reason: 'El comprador llamó a la plataforma',
      comment: (p) => both(`El comprador llamó: no puede usar «${p}» y no recibió respuesta del vendedor por correo.`, `The buyer phoned: they cannot use "${p}" and got no answer from the seller by e-mail.`),
      steps: [],
    },
    {
      name: 'refund of a subscription’s last invoice, processed',
      accounts: from('cursosbrasil'),
      openAt: 12 * DAY_MS,
      type: 'refund',
      by: 'buyer',
      fits: (o, openAt, now) =>
        renewing(o) && o.subscriptionStatus === 'active' && o.paidAmount > 0 && (o.lastPaidAt?.getTime() ?? 0) > openAt - 50 * DAY_MS && (o.currentPeriodEnd?.getTime() ?? 0) > now + DAY_MS,
      reason: 'Ya no lo necesito',
      comment: (p) => both(`Cambié de trabajo y ya no voy a usar «${p}». ¿Pueden devolverme el último pago y cancelar?`, `I changed jobs and will not use "${p}" any more. Could you refund the last payment and cancel?`),
      steps: [],
    },
    // --- cancellations ------------------------------------------------------------------------
    {
      name: 'cancellation pending',
      accounts: from('eventosmx'),
      openAt: 10 * HOUR_MS,
      type: 'cancel',
      by: 'buyer',
      fits: renewing,
      reason: 'Demasiado caro',
      comment: (p) => both(`Quiero cancelar «${p}» antes del próximo cobro.`, `I want to cancel "${p}" before the next charge.`),
      steps: [],
    },
    {
      name: 'cancellation processed',
      accounts: from('librosmadrid'),
      openAt: 4 * DAY_MS,
      type: 'cancel',
      by: 'buyer',
      fits: (o, _openAt, now) => renewing(o) && (o.currentPeriodEnd?.getTime() ?? 0) > now + DAY_MS,
      reason: 'No tengo tiempo',
      comment: (p) => both(`Por favor, cancelen mi suscripción a «${p}».`, `Please cancel my subscription to "${p}".`),
      steps: [{ after: 2 * HOUR_MS, kind: 'comment', by: 'seller', text: both('¡Gracias por haber estado con nosotros! Si quieres volver, puedes reactivarla cuando quieras.', 'Thanks for being with us! You can reactivate it whenever you like.') }],
    },
    // --- support ------------------------------------------------------------------------------
    {
      name: 'support waiting on the seller (warning in 2 hours)',
      accounts: from('librosmadrid'),
      // TKT-8: waiting on the seller, the first warning comes 48 elapsed hours later, any day.
      openAt: 46 * HOUR_MS,
      type: 'support',
      by: 'buyer',
      fits: (o, _openAt, now) => anyApproved(o) && o.productKind === 'event' && (o.eventStartsAt?.getTime() ?? 0) > now + DAY_MS,
      reason: null,
      comment: (p) => both(`¿Puedo llevar a un acompañante a «${p}» con mi entrada?`, `Can I bring someone along to "${p}" with my ticket?`),
      steps: [],
    },
    {
      name: 'support waiting on the buyer (warning soon)',
      accounts: from('cursosbrasil'),
      // The seller answered 7 business days before the warning: the opening is 3 hours earlier.
      soonest: { due: buyerTurnWarning, target: buyerWarning, earliest: 40 * DAY_MS, latest: 7 * DAY_MS, lead: 3 * HOUR_MS },
      type: 'support',
      by: 'buyer',
      fits: (o) => anyApproved(o) && o.productKind !== 'event',
      reason: null,
      comment: (p) => both(`¿Hay certificado al terminar «${p}»?`, `Is there a certificate when I finish "${p}"?`),
      steps: [{ after: 3 * HOUR_MS, kind: 'comment', by: 'seller', text: both('Sí: al completar todas las lecciones se descarga desde tu área de alumno. ¿Ya lo encontraste?', 'Yes: once every lesson is done you can download it from your student area. Did you find it?') }],
    },
    {
      name: 'support closed for inactivity',
      accounts: from('eventosmx'),
      openAt: 25 * DAY_MS,
      type: 'support',
      by: 'buyer',
      fits: (o) => anyApproved(o) && o.productKind !== 'event',
      reason: null,
      comment: (p) => both(`¿Dónde encuentro la factura de «${p}»?`, `Where can I find the invoice for "${p}"?`),
      steps: [{ after: 3 * HOUR_MS, kind: 'comment', by: 'seller', text: both('La tienes en el enlace del correo de confirmación de compra. ¿Pudiste descargarla?', 'It is linked in your purchase confirmation e-mail. Could you download it?') }],
    },
    {
      name: 'support closed by the buyer, reopened',
      accounts: from('librosmadrid'),
      openAt: 4 * DAY_MS,
      type: 'support',
      by: 'buyer',
      fits: (o) => anyApproved(o) && o.productKind !== 'event',
      reason: null,
      comment: (p) => both(`El enlace de acceso a «${p}» dice que ha caducado.`, `The access link for "${p}" says it has expired.`),
      steps: [
        { after: 2 * HOUR_MS, kind: 'comment', by: 'seller', text: both('Te enviamos un enlace nuevo a tu correo.', 'We have sent a new link to your e-mail.') },
        { after: DAY_MS, kind: 'close', by: 'buyer', text: both('Funciona, gracias.', 'It works, thanks.') },
        { after: 4 * DAY_MS - 5 * HOUR_MS, kind: 'reopen', by: 'buyer', text: both('Vuelve a pasar lo mismo con el enlace nuevo.', 'The same happens again with the new link.') },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Running the stories

/**
 * Loads the demo's tickets in the seed's transaction (`deps` is the demo writer's: in the
 * transaction, on the demo's `clock`, sending no e-mail). Leaves the clock at `today` or just
 * before; nothing is due then that the sweep has not done.
 */
async function seedDemoTickets(deps: AppDeps, clock: ManualClock, today: Date, team: DemoTicketsTeam): Promise<void> {
  const tx = deps.database.db;
  const now = today.getTime();
  const repo = createDemoTicketsRepository();
  const service = createTicketsService(deps, createTicketMoney(deps));
  const accountIds = team.accounts.map((a) => a.id);
  const orders = await repo.ticketableOrders(tx, accountIds);
  const random = seededRandom(20_260_912);
  const used = new Set<string>();

  const actors: Record<Party, TicketActor> = {
    buyer: { kind: 'buyer', label: 'buyer' },
    seller: { kind: 'seller', label: team.ownerEmail },
    staff: { kind: 'staff', label: DEMO_STAFF.email },
  };
  const audit = { audit: team.owner.actor };

  interface Planned {
    story: Story;
    order: TicketableOrder;
    openAt: number;
    ticketId?: string;
  }
  /** An order of the account that fits and that nothing happened to since an hour before the opening. */
  const orderFor = (story: Story, accountId: string, openAt: number) => {
    const fitting = orders.filter(
      (o) => o.accountId === accountId && !used.has(o.id) && o.createdAt.getTime() < openAt - 2 * HOUR_MS && o.lastActivityAt.getTime() < openAt - HOUR_MS && story.fits(o, openAt, now),
    );
    return fitting.length ? random.pick(fitting) : null;
  };
  const plans: Planned[] = [];
  for (const story of stories()) {
    const preferred = story.accounts.map((u) => team.accounts.find((a) => a.username === u)).filter((a): a is DemoTicketsTeam['accounts'][number] => a !== undefined);
    const tries = story.soonest
      ? soonestIn(preferred, story.soonest.due, new Date(now + story.soonest.target), new Date(now - story.soonest.earliest), new Date(now - story.soonest.latest)).map((s) => ({
          account: preferred.find((a) => a.username === s.username)!,
          openAt: s.openAt.getTime() - (story.soonest!.lead ?? 0),
        }))
      : preferred.map((account) => ({ account, openAt: now - story.openAt! }));
    for (const t of tries) {
      const order = orderFor(story, t.account.id, t.openAt);
      if (!order) continue;
      used.add(order.id);
      plans.push({ story, order, openAt: t.openAt });
      break;
    }
  }

  // Every opening and step, in time order.
  const happenings: Array<{ at: number; seq: number; run: () => Promise<unknown> }> = [];
  for (const plan of plans) {
    const { story, order } = plan;
    const words = (w: Words, by: Party) => {
      const text = typeof w === 'function' ? w(order.productName) : w;
      return by === 'seller' ? text.es : text[order.buyerLocale];
    };
    happenings.push({
      at: plan.openAt,
      seq: happenings.length,
      run: async () => {
        const opener: Party = story.by;
        const view = await service.open({ orderId: order.id, type: story.type, reason: story.reason, comment: words(story.comment, opener), by: story.by, actor: actors[opener], ...audit });
        plan.ticketId = view.id;
      },
    });
    for (const step of story.steps) {
      const at = plan.openAt + step.after;
      if (at >= now) continue;
      happenings.push({ at, seq: happenings.length, run: () => act(plan.ticketId!, step, words) });
    }
  }
  happenings.sort((a, b) => a.at - b.at || a.seq - b.seq);

  async function act(ticketId: string, step: Step, words: (w: Words, by: Party) => string) {
    const say = (w: Words | undefined, by: Party) => (w ? words(w, by) : '');
    switch (step.kind) {
      case 'comment':
        return service.act(ticketId, { kind: 'comment', by: step.by }, actors[step.by], say(step.text, step.by), audit);
      case 'change_type':
        return service.act(ticketId, { kind: 'change_type', to: step.to, by: step.by, ...(step.consent ? { buyerConsent: true } : {}) }, actors[step.by], say(step.text, step.by), audit);
      case 'close':
        return service.act(ticketId, { kind: 'close', by: step.by, ...(step.consent ? { buyerConsent: true } : {}) }, actors[step.by], say(step.text, step.by), audit);
      case 'reopen':
        return service.act(ticketId, { kind: 'reopen', by: step.by }, actors[step.by], say(step.text, step.by), audit);
      case 'escalate':
        return service.act(ticketId, { kind: 'escalate', by: 'buyer' }, actors.buyer, say(step.text, 'buyer'), audit);
      case 'decide':
        return service.act(ticketId, { kind: 'decide', by: 'staff', decision: step.decision }, actors.staff, say(step.text, 'staff'), audit);
      default: {
        const exhaustive: never = step;
        return exhaustive;
      }
    }
  }

  /** The periodic sweep up to `until`: at each instant a ticket falls due, shortly after. */
  async function sweepUntil(until: number) {
    for (;;) {
      const due = await repo.nextDue(tx, accountIds);
      if (!due || due.getTime() > until) return;
      clock.set(new Date(Math.min(until, due.getTime() + SWEEP_LAG_MS)));
      const r = await service.sweepOnce();
      // The sweep keeps a ticket it could not handle for a later pass; the demo's past has none.
      if (r.failed > 0) throw new Error(`demo tickets: the sweep failed on ${r.failed} ticket(s) at ${clock.now().toISOString()}`);
      if (r.processed + r.warned + r.closed === 0) return;
    }
  }

  for (const h of happenings) {
    await sweepUntil(h.at);
    clock.set(new Date(h.at));
    await h.run();
  }
  await sweepUntil(now);
}

export interface DemoTicketsSummary {
  total: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  /** By escalation state (PLAT-2): `pending` ones wait in the staff console. */
  byEscalation: Record<string, number>;
  /** What falls due within the next day, soonest first: tickets to watch (Tickets tab, or staff console by number). */
  dueSoon: Array<{ number: number; account: string; type: string; status: string; dueAt: string }>;
}

/** What the demo's tickets hold, read back (the same on every run at the same instant). */
async function summarizeDemoTickets(deps: Pick<AppDeps, 'database' | 'clock'>, accountIds: string[]): Promise<DemoTicketsSummary> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const repo = createDemoTicketsRepository();
  const counts = await repo.counts(db, accountIds);
  const due = await repo.dueBetween(db, accountIds, now, new Date(now.getTime() + DAY_MS));
  return {
    total: Object.values(counts.byType).reduce((s, n) => s + n, 0),
    ...counts,
    dueSoon: due.map((d) => ({ ...d, dueAt: d.dueAt!.toISOString() })),
  };
}

declare module '../../kernel/module.ts' {
  interface DemoSummaryParts {
    /** The demo's support tickets (issue 9 item 12), by type, status and escalation, and what falls due within a day. */
    tickets: DemoTicketsSummary;
  }
}

/** The tickets are Lucía's: the first demo team's (team.demo.ts). */
export const ticketsDemo: DemoStep = {
  async load(ctx) {
    const [main] = madeBefore(ctx, 'teams');
    await seedDemoTickets(ctx.deps, ctx.clock, ctx.today, { owner: main!.owner, ownerEmail: main!.ownerEmail, accounts: main!.accounts });
  },
  async read(ctx) {
    const [main] = madeBefore(ctx, 'teams');
    return { tickets: await summarizeDemoTickets(ctx.deps, main!.accounts.map((a) => a.id)) };
  },
};
