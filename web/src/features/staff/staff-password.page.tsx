// PLAT-*: a staff person's one-time link (printed by `npm run cli -- staff:create`): set the
// password (the MA-3 checklist, the server's own rules) and the PIN every staff login asks.
// An expired, used or unknown link says so and what to do instead.
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormAlert, TextField, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { AuthCard, checkPin, digitsOnly, StatusMessage, tokenStatusOf, useLoad } from '../auth/auth.form.tsx';
import { LoadProblem } from '../auth/link-problem.tsx';
import { PasswordFields, passwordReady } from '../auth/password-checklist.tsx';
import { type StaffLinkInfo, staffApi } from './staff.api.ts';
import { type StaffMessageKey, useStaffT } from './staff.i18n.ts';

type Problem = 'expired' | 'used' | 'invalid';

const PROBLEMS: Record<Problem, { title: StaffMessageKey; body: StaffMessageKey }> = {
  expired: { title: 'staff.link.expiredTitle', body: 'staff.link.expired' },
  used: { title: 'staff.link.usedTitle', body: 'staff.link.used' },
  invalid: { title: 'staff.link.invalidTitle', body: 'staff.link.invalid' },
};

function StaffLinkProblem({ status }: { status: Problem }) {
  const t = useStaffT();
  const problem = PROBLEMS[status];
  return (
    <AuthCard title={t(problem.title)} focusKey={`problem-${status}`}>
      <div data-link-status={status}>
        <StatusMessage tone="error">
          <p>{t(problem.body)}</p>
        </StatusMessage>
      </div>
      <p className="auth__links">
        <Link to="/staff/login" className="button button--primary">
          {t('staff.link.goToLogin')}
        </Link>
      </p>
    </AuthCard>
  );
}

/** revoked reads as used: either way this link will not work again. */
function problemOf(status: ReturnType<typeof tokenStatusOf>): Problem | null {
  if (status === 'revoked') return 'used';
  return status;
}

export function StaffPasswordPage() {
  const t = useStaffT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<StaffLinkInfo>((signal) => staffApi.passwordLink(token, signal), token);
  const form = useMutation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  // The link's own trouble: found on submitting, or in the answer to loading it.
  const shownProblem: Problem | null =
    problem ??
    (result.state === 'failed'
      ? problemOf(tokenStatusOf(result.error))
      : result.state === 'ready' && result.data.status !== 'valid'
        ? result.data.status
        : null);
  useDocumentTitle(t(saved ? 'staff.password.savedTitle' : shownProblem ? PROBLEMS[shownProblem].title : 'staff.password.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!passwordReady(password, repeat)) return;
    const pinError = checkPin(t, pin);
    const repeatError = pinError ? undefined : pin === pinRepeat ? undefined : t('auth.error.pinMismatch');
    if (form.check({ pin: pinError, pinRepeat: repeatError })) return;
    const done = await form.run(() => staffApi.setPassword({ token, password, pin }), {
      onError: (error) => {
        const status = problemOf(tokenStatusOf(error));
        if (status && error.field === undefined) setProblem(status);
        else if (error.field === 'pin') {
          setPin('');
          setPinRepeat('');
        }
      },
    });
    if (done) setSaved(true);
  }

  if (saved) {
    return (
      <AuthCard title={t('staff.password.savedTitle')} focusKey="saved">
        <StatusMessage tone="success">
          <p>{t('staff.password.savedBody')}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to="/staff/login" className="button button--primary">
            {t('staff.link.goToLogin')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  if (shownProblem) return <StaffLinkProblem status={shownProblem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('staff.password.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') return <LoadProblem message={result.error.message} onRetry={reload} />;
  const data = result.data;

  return (
    <AuthCard title={t('staff.password.title')} intro={t('staff.password.intro')}>
      {data.email ? (
        // A long address must wrap inside the card on a phone.
        <p style={{ overflowWrap: 'anywhere' }}>{t('staff.password.for', { name: data.name ?? data.email, email: data.email })}</p>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        {data.email ? <input type="text" name="username" autoComplete="username" value={data.email} readOnly hidden /> : null}
        <FormAlert message={form.formError} />
        <PasswordFields
          password={password}
          repeat={repeat}
          onPasswordChange={setPassword}
          onRepeatChange={setRepeat}
          passwordField={form.field('password')}
        />
        <fieldset className="fieldset">
          <legend>{t('staff.password.pinLegend')}</legend>
          <TextField
            {...form.field('pin')}
            label={t('auth.field.pin')}
            hint={t('staff.password.pinHint')}
            type="password"
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={pin}
            onChange={(e) => setPin(digitsOnly(e.target.value))}
            required
          />
          <TextField
            {...form.field('pinRepeat')}
            label={t('auth.field.pinRepeat')}
            type="password"
            name="pin-repeat"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={pinRepeat}
            onChange={(e) => setPinRepeat(digitsOnly(e.target.value))}
            required
          />
        </fieldset>
        <button type="submit" className="button button--primary button--block" disabled={form.pending || !passwordReady(password, repeat)} aria-busy={form.pending || undefined}>
          {t('staff.password.save')}
        </button>
      </form>
    </AuthCard>
  );
}
