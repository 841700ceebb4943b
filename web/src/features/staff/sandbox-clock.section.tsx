// PLAT-4: the sandbox clock. Shows the platform's time (ticking when it runs, standing still when
// frozen) and how far it is from real time; staff set it to an instant (running on from there, or
// frozen), advance it by an ISO 8601 duration (PT1H, P1D, -PT30M), or put it back on real time.
// Every process of the platform sees the change within a second, and the ticket sweep then works at
// the new time. In production the server refuses and the section says the clock is real time there.
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { formatSpan } from '../tickets/due.ts';
import { resyncPlatformTime } from '../tickets/platform-time.ts';
import { type SandboxClock, type SandboxClockChange, staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';
import { useStaffSignedOut } from './staff.session.ts';

const QUICK = ['PT5M', 'PT1H', 'P1D'] as const;

/** `YYYY-MM-DDTHH:mm` of an instant in the browser's zone, as a datetime-local input shows it. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function SandboxClockSection() {
  const t = useStaffT();
  const { lang } = useLanguage();
  const id = useId();
  const signedOut = useStaffSignedOut();
  const [clock, setClock] = useState<{ kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; value: SandboxClock; readAt: number }>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const [, setBeat] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const change = useMutation();
  const [instant, setInstant] = useState('');
  const [frozen, setFrozen] = useState(false);
  const [advanceBy, setAdvanceBy] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    staffApi.clock(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setClock({ kind: 'ready', value, readAt: Date.now() });
        setInstant((prev) => prev || localInputValue(Date.parse(value.now)));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e = error as { status?: number; message?: string };
        if (e.status === 401) signedOut(error as never);
        setClock({ kind: 'error', message: e.message ?? String(error) });
      },
    );
    return () => controller.abort();
  }, [tick, signedOut]);

  // The shown time ticks each second while the clock runs.
  useEffect(() => {
    const timer = setInterval(() => setBeat((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);

  /** Sends a change; `done` words the result (an advance says how far the platform's time moved). */
  const apply = async (body: SandboxClockChange, done: string | ((movedMs: number) => string)) => {
    setNotice(null);
    const before = clock.kind === 'ready' ? clock.value.offsetMs : 0;
    const value = await change.run(() => staffApi.setClock(body), { onError: signedOut, fields: (f) => f === 'advanceBy' || f === 'now' });
    if (!value) return;
    setClock({ kind: 'ready', value, readAt: Date.now() });
    setInstant(localInputValue(Date.parse(value.now)));
    setNotice(typeof done === 'string' ? done : done(value.offsetMs - before));
    void resyncPlatformTime();
  };
  const advanced = (movedMs: number) =>
    Math.abs(movedMs) < 30_000 ? t('staff.clock.doneStill') : t(movedMs > 0 ? 'staff.clock.doneForward' : 'staff.clock.doneBack', { span: formatSpan(movedMs, lang) });

  const onSet = async (event: FormEvent) => {
    event.preventDefault();
    const ms = Date.parse(instant);
    if (change.check({ now: instant && !Number.isNaN(ms) ? undefined : t('staff.clock.instantFormat') })) return;
    const iso = new Date(ms).toISOString();
    await apply({ now: iso, frozen }, t(frozen ? 'staff.clock.doneFrozen' : 'staff.clock.doneSet'));
  };
  const onAdvance = async (event: FormEvent) => {
    event.preventDefault();
    if (change.check({ advanceBy: requireText(t, advanceBy) })) return;
    await apply({ advanceBy: advanceBy.trim() }, advanced);
  };

  const shown = clock.kind === 'ready' ? (clock.value.frozen ? Date.parse(clock.value.now) : Date.parse(clock.value.now) + (Date.now() - clock.readAt)) : 0;
  const offset = clock.kind === 'ready' ? clock.value.offsetMs : 0;
  return (
    <section className="card section" aria-labelledby={`${id}-title`} id="sandbox-clock">
      <h2 id={`${id}-title`} className="section__title">
        {t('staff.clock.title')}
      </h2>
      <p className="muted">{t('staff.clock.intro')}</p>
      {clock.kind === 'loading' && <Loading />}
      {clock.kind === 'error' && <LoadError message={clock.message} onRetry={() => setTick((n) => n + 1)} />}
      {clock.kind === 'ready' && (
        <>
          <dl className="details staff-clock__now">
            <dt>{t('staff.clock.now')}</dt>
            <dd>
              <time dateTime={new Date(shown).toISOString()} data-platform-time={new Date(shown).toISOString()}>
                {new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(shown))}
              </time>
            </dd>
            <dt>{t('staff.clock.state')}</dt>
            <dd>{t(!clock.value.enabled ? 'staff.clock.real' : clock.value.frozen ? 'staff.clock.frozen' : 'staff.clock.running')}</dd>
            <dt>{t('staff.clock.offset')}</dt>
            <dd>
              {Math.abs(offset) < 1000
                ? t('staff.clock.noOffset')
                : t(offset > 0 ? 'staff.clock.ahead' : 'staff.clock.behind', { span: formatSpan(offset, lang) })}
            </dd>
          </dl>
          {!clock.value.enabled && <p className="note">{t('staff.clock.disabled')}</p>}
          <div role="status">{notice && <p className="alert alert--success">{notice}</p>}</div>
          <FormAlert message={change.formError} />
          {clock.value.enabled && (
            <div className="staff-clock__forms">
              <form className="form" onSubmit={(e) => void onAdvance(e)} noValidate aria-labelledby={`${id}-advance`}>
                <h3 id={`${id}-advance`} className="staff-clock__subtitle">
                  {t('staff.clock.advanceTitle')}
                </h3>
                <p className="staff-clock__quick">
                  {QUICK.map((d) => (
                    <button key={d} type="button" className="button button--small" disabled={change.pending} onClick={() => void apply({ advanceBy: d }, advanced)}>
                      {t(`staff.clock.quick.${d}`)}
                    </button>
                  ))}
                </p>
                <TextField
                  {...change.field('advanceBy')}
                  label={t('staff.clock.advanceBy')}
                  hint={t('staff.clock.advanceHint')}
                  name="advanceBy"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={40}
                  value={advanceBy}
                  onChange={(e) => setAdvanceBy(e.target.value)}
                />
                <div className="form__actions">
                  <button type="submit" className="button button--primary" disabled={change.pending}>
                    {t('staff.clock.advance')}
                  </button>
                </div>
              </form>
              <form className="form" onSubmit={(e) => void onSet(e)} noValidate aria-labelledby={`${id}-set`}>
                <h3 id={`${id}-set`} className="staff-clock__subtitle">
                  {t('staff.clock.setTitle')}
                </h3>
                <TextField
                  {...change.field('now')}
                  label={t('staff.clock.instant')}
                  hint={t('staff.clock.instantHint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
                  type="datetime-local"
                  name="now"
                  value={instant}
                  onChange={(e) => setInstant(e.target.value)}
                />
                <label className="check">
                  <input type="checkbox" name="frozen" checked={frozen} onChange={(e) => setFrozen(e.target.checked)} />
                  <span>{t('staff.clock.freeze')}</span>
                </label>
                <div className="form__actions">
                  <button type="submit" className="button button--primary" disabled={change.pending}>
                    {t('staff.clock.set')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={change.pending || (Math.abs(offset) < 1000 && !clock.value.frozen)}
                    onClick={() => void apply({ now: new Date().toISOString(), frozen: false }, t('staff.clock.doneReal'))}
                  >
                    {t('staff.clock.reset')}
                  </button>
                </div>
              </form>
            </div>
          )}
        </>
      )}
    </section>
  );
}
