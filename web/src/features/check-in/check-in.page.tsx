// The buyer's check-in page (SALES-10), opened from the "Your ticket" e-mail: no login, the
// link is the credential. The event (date and time in the event's own zone), the attendee, the
// receipt and whether the ticket is checked in; "I am here" checks it in (pressing it again
// changes nothing). A refunded, cancelled or charged-back order's ticket says it no longer
// admits. It opens in the language the buyer chose at checkout unless this browser chose one.
import { type ReactNode, useEffect, useRef } from 'react';
import { useParams } from 'react-router';
import { readCookie } from '../../lib/cookies.ts';
import { LANG_COOKIE, LANG_STORAGE_KEY, type Language, useLanguage } from '../../lib/i18n.ts';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useLoad } from '../auth/auth.form.tsx';
import { LoadProblem } from '../auth/link-problem.tsx';
import { type BuyerCheckIn, checkInApi } from './check-in.api.ts';
import './check-in.css';

/** A date and time as the event's place reads it (the e-mail says the same). */
function when(iso: string, lang: Language, zone: string | null): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: zone ?? 'UTC',
  }).format(new Date(iso));
}

/** Whether this browser has a language of its own (the switch, an earlier visit): then it wins over the order's. */
function browserChoseLanguage(): boolean {
  try {
    if (localStorage.getItem(LANG_STORAGE_KEY)) return true;
  } catch {
    // Storage off: the cookie still tells.
  }
  return Boolean(readCookie(LANG_COOKIE));
}

export function CheckInPage() {
  const token = useParams().token ?? '';
  const { t, lang, setLang } = useLanguage();
  const { result, setResult, reload } = useLoad<BuyerCheckIn>((signal) => checkInApi.get(token, signal), token);
  const confirmation = useMutation();
  const adopted = useRef(false);
  const confirmedHere = useRef(false);

  useDocumentTitle(result.state === 'ready' ? `${t('checkIn.title')} · ${result.data.event.name}` : t('checkIn.title'));

  useEffect(() => {
    if (result.state !== 'ready' || adopted.current) return;
    adopted.current = true;
    if (!browserChoseLanguage() && result.data.locale !== lang) setLang(result.data.locale);
  }, [result, lang, setLang]);

  if (result.state === 'loading') {
    return (
      <section className="page check-in" aria-busy="true">
        <Loading />
      </section>
    );
  }
  if (result.state === 'failed') {
    if (result.error.status === 404) return <DeadLink />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const page = result.data;
  const zone = page.event.timeZone;

  async function confirm() {
    const done = await confirmation.run(() => checkInApi.confirm(token));
    if (done) {
      confirmedHere.current = true;
      setResult({ state: 'ready', data: done });
    }
  }

  return (
    <section className="page check-in" aria-labelledby="page-title">
      <div className="card check-in__card">
        <h1 id="page-title" className="page__title">
          {t('checkIn.title')}
        </h1>
        <p>{t('checkIn.intro')}</p>
        <dl className="check-in__facts">
          <Fact label={t('checkIn.event')}>
            <strong>{page.event.name}</strong>
          </Fact>
          {page.event.startsAt && <Fact label={t('checkIn.when')}>{when(page.event.startsAt, lang, zone)}</Fact>}
          {page.event.place && <Fact label={t('checkIn.where')}>{page.event.place}</Fact>}
          <Fact label={t('checkIn.attendee')}>{page.attendee.name}</Fact>
          <Fact label={t('checkIn.receipt')}>
            <span className="check-in__receipt">{page.receipt}</span>
          </Fact>
          <Fact label={t('checkIn.seller')}>{page.seller.name}</Fact>
          <Fact label={t('checkIn.status')}>
            {page.status === 'done' && page.checkedInAt ? (
              <span className="badge badge--sent">{t('checkIn.done', { when: when(page.checkedInAt, lang, zone) })}</span>
            ) : (
              <span className="badge badge--pending">{t('checkIn.pending')}</span>
            )}
          </Fact>
        </dl>
        <div role="status">{page.status === 'done' && confirmedHere.current && <p className="alert alert--success">{t('checkIn.confirmed')}</p>}</div>
        {!page.valid ? (
          <div className="alert alert--error" role="alert">
            <p>{t('checkIn.invalid', { email: page.seller.email })}</p>
          </div>
        ) : (
          page.status === 'pending' && (
            <>
              <FormAlert message={confirmation.formError} />
              <p>
                <button
                  type="button"
                  className="button button--primary check-in__confirm"
                  aria-describedby="check-in-hint"
                  disabled={confirmation.pending}
                  aria-busy={confirmation.pending || undefined}
                  onClick={() => void confirm()}
                >
                  {t('checkIn.confirm')}
                </button>
              </p>
              <p id="check-in-hint" className="muted small">
                {t('checkIn.confirmHint')}
              </p>
            </>
          )
        )}
        <p className="muted small">
          {t('checkIn.questions')} <a href={`mailto:${page.seller.email}`}>{page.seller.email}</a>
        </p>
      </div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="check-in__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A link that no longer opens a ticket (unknown, incomplete, or replaced by a newer one). */
function DeadLink() {
  const t = useLanguage().t;
  useDocumentTitle(t('checkIn.dead.title'));
  return (
    <section className="page page--narrow check-in" aria-labelledby="page-title">
      <div className="card">
        <h1 id="page-title" className="page__title">
          {t('checkIn.dead.title')}
        </h1>
        <div className="alert alert--error" role="alert">
          <p>{t('checkIn.dead.body')}</p>
        </div>
      </div>
    </section>
  );
}
