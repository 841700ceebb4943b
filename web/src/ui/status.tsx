// Small shared states of a page: loading, a failed load with a retry, a change refused.
import { useT } from '../lib/i18n.ts';

export function Loading() {
  const t = useT();
  return (
    <p className="muted" role="status">
      {t('app.common.loading')}
    </p>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

/** The server's own (localized) message for a refused change, e.g. permission_not_held. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="alert alert--error" role="alert">
      {message}
    </p>
  );
}
