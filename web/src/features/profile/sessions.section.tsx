// My profile: where the person is logged in (browser and system, address, when), this
// session first; any other one can be logged out, or all of them at once.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { type Translate, useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import type { Resource } from '../app/use-resource.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { type MySession, type MySessions, profileApi } from './profile.api.ts';

function deviceName(t: Translate, s: MySession): string {
  const browser = s.browser ?? t('profile.sessions.unknownBrowser');
  return s.os ? t('profile.sessions.on', { browser, os: s.os }) : browser;
}

export function SessionsSection({ sessions, reload }: { sessions: Resource<MySessions>; reload: () => void }) {
  const { t, lang } = useLanguage();
  const { expire } = useSession();
  const navigate = useNavigate();
  const end = useMutation();
  const everywhere = useMutation();
  const [ending, setEnding] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function endOne(id: string) {
    setEnded(false);
    setEnding(id);
    const done = await end.run(() => profileApi.endSession(id));
    setEnding(null);
    if (done) setEnded(true);
    reload(); // gone either way: ended now, or already
  }

  async function endAll() {
    const done = await everywhere.run(() => profileApi.logoutEverywhere());
    if (!done) return;
    expire();
    navigate('/login', { replace: true });
  }

  return (
    <section className="card section" aria-labelledby="profile-sessions-title">
      <div className="section__head">
        <div>
          <h2 id="profile-sessions-title" className="section__title">
            {t('profile.sessions.title')}
          </h2>
          <p className="muted">{t('profile.sessions.intro')}</p>
        </div>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            everywhere.clear();
            setConfirming(true);
          }}
        >
          {t('profile.sessions.everywhere')}
        </button>
      </div>
      <FormAlert message={end.formError} />
      {ended && (
        <p className="alert alert--success profile__saved" role="status">
          {t('profile.sessions.ended')}
        </p>
      )}
      {sessions.kind === 'loading' && <Loading />}
      {sessions.kind === 'error' && <LoadError message={sessions.error.message} onRetry={reload} />}
      {sessions.kind === 'ready' && (
        <DataTable
          rows={sessions.data.sessions}
          rowKey={(s) => s.id}
          columns={[
            {
              label: t('profile.sessions.device'),
              rowHeader: true,
              cell: (s) => (
                <>
                  {deviceName(t, s)}
                  {s.current && <span className="badge badge--owner profile__current">{t('profile.sessions.current')}</span>}
                </>
              ),
            },
            { label: t('profile.sessions.ip'), cell: (s) => s.ip ?? '—' },
            { label: t('profile.sessions.started'), cell: (s) => formatDateTime(s.createdAt, lang) },
            { label: t('profile.sessions.lastSeen'), cell: (s) => formatDateTime(s.lastSeenAt, lang) },
            {
              label: t('common.actions'),
              actions: true,
              cell: (s) =>
                s.current ? null : (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void endOne(s.id)}
                    disabled={ending !== null}
                    aria-busy={ending === s.id || undefined}
                    aria-label={t('profile.sessions.endFor', { device: deviceName(t, s) })}
                  >
                    {t('profile.sessions.end')}
                  </button>
                ),
            },
          ]}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('profile.sessions.everywhereTitle')}
          body={t('profile.sessions.everywhereBody')}
          confirmLabel={t('profile.sessions.everywhere')}
          danger
          pending={everywhere.pending}
          error={everywhere.formError}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void endAll()}
        />
      )}
    </section>
  );
}
