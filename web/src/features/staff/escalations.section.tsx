// PLAT-2, TKT-5: the escalation queue. Tickets a buyer asked the platform to review (the seller
// closed them or changed them to support, saying the buyer agreed), oldest first. Staff open one,
// read what is due and the whole history, and either uphold the seller's action or reopen the
// ticket with its original type and a new due time; the note is e-mailed to both parties and kept
// in the history. Any ticket can also be looked up by its number.
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import { useLanguage } from '../../lib/i18n.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { resyncPlatformTime } from '../tickets/platform-time.ts';
import { DuePanel, OrderFacts, StatusBadge, TextAreaField, TicketFacts, TicketHistory, TypeBadge } from '../tickets/ticket-view.tsx';
import { type Escalation, type EscalationPage, type StaffTicketDetail, staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';
import { useStaffSignedOut } from './staff.session.ts';

type Queue = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; page: EscalationPage };

export function EscalationsSection() {
  const t = useStaffT();
  const { lang } = useLanguage();
  const id = useId();
  const signedOut = useStaffSignedOut();
  const [queue, setQueue] = useState<Queue>({ kind: 'loading' });
  const [cursors, setCursors] = useState<string[]>([]);
  const [tick, setTick] = useState(0);
  const [reviewing, setReviewing] = useState<number | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const controller = new AbortController();
    setQueue((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    staffApi.escalations(cursor, controller.signal).then(
      (page) => !controller.signal.aborted && setQueue({ kind: 'ready', page }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e = error as { status?: number; message?: string };
        if (e.status === 401) signedOut(error as never);
        setQueue({ kind: 'error', message: e.message ?? String(error) });
      },
    );
    return () => controller.abort();
  }, [cursor, tick, lang, signedOut]);

  const columns: Array<Column<Escalation>> = [
    { label: t('staff.esc.col.number'), rowHeader: true, cell: (e) => <span className="ticket__number">#{e.number}</span> },
    {
      label: t('staff.esc.col.ticket'),
      cell: (e) => (
        <>
          <TypeBadge type={e.type} /> <StatusBadge status={e.status} />
        </>
      ),
    },
    {
      label: t('staff.esc.col.order'),
      cell: (e) => (
        <>
          {e.productName}
          <span className="ticket__detail">
            {e.account.nickname} · {e.receipt}
          </span>
        </>
      ),
    },
    {
      label: t('staff.esc.col.buyer'),
      cell: (e) => (
        <>
          {e.buyer.name}
          <span className="ticket__detail">{e.buyer.email}</span>
        </>
      ),
    },
    { label: t('staff.esc.col.escalated'), cell: (e) => <time dateTime={e.escalatedAt}>{formatDateTime(e.escalatedAt, lang)}</time> },
    {
      label: t('staff.esc.col.review'),
      actions: true,
      cell: (e) => (
        <button type="button" className="button button--small" onClick={() => setReviewing(e.number)} aria-label={t('staff.esc.reviewOne', { number: e.number })}>
          {t('staff.esc.review')}
        </button>
      ),
    },
  ];

  return (
    <section className="card section" aria-labelledby={`${id}-title`} id="escalations">
      <div className="section__head">
        <h2 id={`${id}-title`} className="section__title">
          {t('staff.esc.title')}
        </h2>
        <button type="button" className="button button--small" onClick={() => setTick((n) => n + 1)}>
          {t('common.refresh')}
        </button>
      </div>
      <p className="muted">{t('staff.esc.intro')}</p>
      <div role="status">{decided && <p className="alert alert--success">{decided}</p>}</div>
      {queue.kind === 'loading' && <Loading />}
      {queue.kind === 'error' && <LoadError message={queue.message} onRetry={() => setTick((n) => n + 1)} />}
      {queue.kind === 'ready' && queue.page.items.length === 0 && <p className="note">{t('staff.esc.none')}</p>}
      {queue.kind === 'ready' && queue.page.items.length > 0 && (
        <DataTable caption={t('staff.esc.caption')} columns={columns} rows={queue.page.items} rowKey={(e) => e.id} />
      )}
      {queue.kind === 'ready' && (cursors.length > 0 || queue.page.nextCursor) && (
        <nav className="tickets__pages" aria-label={t('staff.esc.pages')}>
          {cursors.length > 0 && (
            <button type="button" className="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('staff.esc.prev')}
            </button>
          )}
          {queue.page.nextCursor && (
            <button type="button" className="button" onClick={() => setCursors((c) => [...c, queue.page.nextCursor!])}>
              {t('staff.esc.next')}
            </button>
          )}
        </nav>
      )}
      <LookUp onFound={setReviewing} />
      {reviewing !== null && (
        <TicketReview
          key={reviewing}
          number={reviewing}
          onClose={() => setReviewing(null)}
          onDecided={(message) => {
            setDecided(message);
            setReviewing(null);
            setTick((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

/** Any ticket by its number (the one a buyer quotes on the phone, say). */
function LookUp({ onFound }: { onFound: (number: number) => void }) {
  const t = useStaffT();
  const form = useMutation();
  const [number, setNumber] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(number.trim().replace(/^#/, ''));
    if (form.check({ number: Number.isInteger(n) && n > 0 ? undefined : t('staff.esc.lookupFormat') })) return;
    onFound(n);
  };
  return (
    <form className="form form--inline staff-lookup" onSubmit={submit} noValidate>
      <TextField
        {...form.field('number')}
        label={t('staff.esc.lookup')}
        hint={t('staff.esc.lookupHint')}
        name="ticket-number"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={number}
        onChange={(e) => setNumber(e.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('staff.esc.lookupOpen')}
        </button>
      </div>
    </form>
  );
}

/** One ticket under review: what is due, the facts, the history, and the decision when one is pending. */
function TicketReview({ number, onClose, onDecided }: { number: number; onClose: () => void; onDecided: (message: string) => void }) {
  const t = useStaffT();
  const signedOut = useStaffSignedOut();
  const heading = useRef<HTMLHeadingElement>(null);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; detail: StaffTicketDetail }>({ kind: 'loading' });
  const load = useCallback(
    (signal?: AbortSignal) =>
      staffApi.ticket(number, signal).then(
        (detail) => setState({ kind: 'ready', detail }),
        (error: unknown) => {
          if (signal?.aborted) return;
          const e = error as { status?: number; message?: string };
          if (e.status === 401) signedOut(error as never);
          setState({ kind: 'error', message: e.message ?? String(error) });
        },
      ),
    [number, signedOut],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  useEffect(() => {
    if (state.kind === 'ready') heading.current?.focus();
  }, [state.kind]);

  return (
    <section className="staff-review" aria-labelledby="staff-review-title">
      <div className="section__head">
        <h3 id="staff-review-title" className="staff-review__title" tabIndex={-1} ref={heading}>
          {t('staff.review.title', { number })}
        </h3>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('staff.review.close')}
        </button>
      </div>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError message={state.message} onRetry={() => void load()} />}
      {state.kind === 'ready' && (
        <>
          <DuePanel detail={state.detail} reader="staff" />
          {state.detail.actions.some((a) => a.action === 'decide') ? (
            <DecisionForm detail={state.detail} onDecided={onDecided} />
          ) : (
            <p className="note">{t('staff.review.noDecision')}</p>
          )}
          <div className="ticket__layout">
            <div className="ticket__main">
              <TicketHistory detail={state.detail} />
            </div>
            <div className="ticket__side">
              <TicketFacts detail={state.detail} />
              <OrderFacts detail={state.detail} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function DecisionForm({ detail, onDecided }: { detail: StaffTicketDetail; onDecided: (message: string) => void }) {
  const t = useStaffT();
  const { t: appT } = useLanguage();
  const id = useId();
  const form = useMutation();
  const signedOut = useStaffSignedOut();
  const [decision, setDecision] = useState<'uphold' | 'reopen'>('uphold');
  const [note, setNote] = useState('');
  // The type before the seller's change, as the history tells it: what "reopen" gives back.
  const change = [...detail.history].reverse().find((h) => h.kind === 'type_changed' && h.actor.kind === 'seller');
  const original = change?.fromType ?? detail.type;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ note: requireText(t, note) })) return;
    const next = await form.run(() => staffApi.decideEscalation(detail.number, { decision, note: note.trim() }), { onError: signedOut, fields: (f) => f === 'note' });
    if (!next) return;
    void resyncPlatformTime();
    onDecided(t(decision === 'uphold' ? 'staff.review.doneUphold' : 'staff.review.doneReopen', { number: detail.number }));
  };

  return (
    <form className="form card staff-decision" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-legend`}>
      <FormAlert message={form.formError} />
      <fieldset className="picker">
        <legend id={`${id}-legend`} className="picker__legend">
          {t('staff.review.decision')}
        </legend>
        <label className="check">
          <input type="radio" name={`${id}-decision`} value="uphold" checked={decision === 'uphold'} onChange={() => setDecision('uphold')} />
          <span>
            {t('staff.review.uphold')}
            <span className="ticket__detail">{t('staff.review.upholdHint')}</span>
          </span>
        </label>
        <label className="check">
          <input type="radio" name={`${id}-decision`} value="reopen" checked={decision === 'reopen'} onChange={() => setDecision('reopen')} />
          <span>
            {t('staff.review.reopen', { type: appT(`tickets.type.${original}`) })}
            <span className="ticket__detail">{t('staff.review.reopenHint')}</span>
          </span>
        </label>
      </fieldset>
      <TextAreaField label={t('staff.review.note')} hint={t('staff.review.noteHint')} name="note" rows={3} value={note} onChange={setNote} binding={form.field('note')} required />
      <div className="form__actions">
        <button type="submit" className={decision === 'uphold' ? 'button button--primary' : 'button button--primary'} disabled={form.pending} aria-busy={form.pending || undefined}>
          {t(decision === 'uphold' ? 'staff.review.submitUphold' : 'staff.review.submitReopen')}
        </button>
      </div>
    </form>
  );
}
