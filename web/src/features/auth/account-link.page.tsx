// MA-5, second half: the link e-mailed to a seller account's address. The page names the
// account and the master account asking for it, and links it only on an explicit click
// (mail scanners that open links must not complete the link by themselves).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type AccountLinked, type AccountLinkInfo, authApi } from './auth.api.ts';
import { AuthCard, StatusMessage, tokenStatusOf, useLoad } from './auth.form.tsx';
import { LinkProblem, type LinkProblemStatus, LoadProblem } from './link-problem.tsx';

export function AccountLinkPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<AccountLinkInfo>((signal) => authApi.accountLink(token, signal), token);
  const form = useMutation();
  const [linked, setLinked] = useState<AccountLinked | null>(null);
  const [problem, setProblem] = useState<LinkProblemStatus | null>(null);

  useDocumentTitle(t('auth.accountLink.title'));

  async function confirm() {
    const done = await form.run(() => authApi.confirmAccountLink(token), {
      onError: (error) => {
        const status = tokenStatusOf(error);
        if (status) setProblem(status);
      },
    });
    if (done) setLinked(done);
  }

  if (linked) {
    return (
      <AuthCard title={t('auth.accountLink.linkedTitle')} focusKey="linked">
        <StatusMessage tone="success">
          <p>{t('auth.accountLink.linkedBody', { account: linked.accountNickname })}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to="/accounts" className="button button--primary">
            {t('auth.accountLink.openAccounts')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  if (problem) return <LinkProblem kind="accountLink" status={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('auth.accountLink.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const status = tokenStatusOf(result.error);
    if (status) return <LinkProblem kind="accountLink" status={status} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const info = result.data;
  if (info.status !== 'valid') return <LinkProblem kind="accountLink" status={info.status} />;

  return (
    <AuthCard title={t('auth.accountLink.title')}>
      <p>{t('auth.accountLink.lead')}</p>
      <dl className="details">
        <dt>{t('auth.accountLink.account')}</dt>
        <dd>{info.accountNickname}</dd>
        <dt>{t('auth.accountLink.owner')}</dt>
        <dd>{info.ownerEmail}</dd>
      </dl>
      <p className="muted">{t('auth.accountLink.explain')}</p>
      <FormAlert message={form.formError} />
      <button type="button" className="button button--primary button--block" onClick={confirm} disabled={form.pending} aria-busy={form.pending || undefined}>
        {t('auth.accountLink.confirm')}
      </button>
    </AuthCard>
  );
}
