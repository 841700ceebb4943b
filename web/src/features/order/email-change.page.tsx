// The link a buyer follows from the NEW address to confirm an e-mail change asked on the order
// page (SALES-3): it says what will change (seller, receipt, from → to) and changes it only on
// "Confirm" (a mail scanner that opens links changes nothing). Then it opens the order again
// with its new link: the old ones were revoked.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { AuthCard, StatusMessage, tokenStatusOf, useLoad } from '../auth/auth.form.tsx';
import { LoadProblem } from '../auth/link-problem.tsx';
import { type EmailChangeConfirmed, type EmailChangeLinkInfo, orderApi, orderPagePath } from './order.api.ts';

type Problem = 'expired' | 'used' | 'revoked' | 'invalid';

const TITLES = {
  expired: 'auth.link.expiredTitle',
  used: 'auth.link.usedTitle',
  revoked: 'auth.link.revokedTitle',
  invalid: 'auth.link.invalidTitle',
} as const;

function ChangeProblem({ problem }: { problem: Problem }) {
  const t = useT();
  return (
    <AuthCard title={t(TITLES[problem])} focusKey={`problem-${problem}`}>
      <StatusMessage tone="error">
        <p>{t(`order.change.problem.${problem}`)}</p>
      </StatusMessage>
    </AuthCard>
  );
}

/** The server's email_change_link_* codes; any other 404 is an unknown link. */
function problemOf(code: string, status: number): Problem | null {
  const m = /^email_change_link_(expired|used|revoked|invalid)$/.exec(code);
  if (m) return m[1] as Problem;
  return status === 404 ? 'invalid' : null;
}

export function EmailChangePage() {
  const t = useT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<EmailChangeLinkInfo>((signal) => orderApi.emailChange(token, signal), token);
  const form = useMutation();
  const [done, setDone] = useState<EmailChangeConfirmed | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useDocumentTitle(t('order.change.title'));

  async function confirm() {
    const confirmed = await form.run(() => orderApi.confirmEmailChange(token), {
      onError: (error) => {
        const found = problemOf(error.code, error.status);
        if (found) setProblem(found);
      },
    });
    if (confirmed) setDone(confirmed);
  }

  if (done) {
    return (
      <AuthCard title={t('order.change.doneTitle')} focusKey="done">
        <StatusMessage tone="success">
          <p>{t('order.change.done', { email: done.email })}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to={orderPagePath(done.orderToken)} className="button button--primary">
            {t('order.change.open')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  if (problem) return <ChangeProblem problem={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('order.change.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const status = tokenStatusOf(result.error);
    if (status) return <ChangeProblem problem={status} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const info = result.data;
  if (info.status !== 'valid' || !info.to || !info.from) return <ChangeProblem problem={info.status === 'valid' ? 'invalid' : info.status} />;
  return (
    <AuthCard title={t('order.change.title')}>
      <p>{t('order.change.intro', { seller: info.sellerName ?? '', receipt: info.receipt ?? '', from: info.from, to: info.to })}</p>
      <FormAlert message={form.formError} />
      <button type="button" className="button button--primary button--block" onClick={() => void confirm()} disabled={form.pending} aria-busy={form.pending || undefined}>
        {t('order.change.confirm')}
      </button>
    </AuthCard>
  );
}
