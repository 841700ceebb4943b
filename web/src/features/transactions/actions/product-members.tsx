// SALES-5 from the Products page: a product's members list (who has access), searched by the
// start of an e-mail, with "Resend access" on each member whose access is live, for whoever
// holds Resend purchase e-mail. Opened from a product's row (products.page.tsx).
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import type { ApiError } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useLanguage } from '../../../lib/i18n.ts';
import { useApiErrors } from '../../app/use-resource.ts';
import { type Column, DataTable } from '../../../ui/data-table.tsx';
import { Dialog } from '../../../ui/dialog.tsx';
import { FormAlert, TextField, useMutation } from '../../../ui/form.tsx';
import { LoadError, Loading } from '../../../ui/status.tsx';
import { listMembers, type Member, resendMemberAccess } from './actions.api.ts';
import './order-actions.css';

type ListState = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: Member[]; nextCursor: string | null; more: boolean };

export function ProductMembersDialog(props: { accountId: string; product: { id: string; name: string }; mayResend: boolean; onClose: () => void }) {
  const { accountId, product, mayResend, onClose } = props;
  const { t, lang } = useLanguage();
  const id = useId();
  const report = useApiErrors();
  const resend = useMutation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setList((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    listMembers(accountId, product.id, { q: q || undefined }, controller.signal).then(
      (page) => !controller.signal.aborted && setList({ kind: 'ready', items: page.items, nextCursor: page.nextCursor, more: false }),
      (error: unknown) => !controller.signal.aborted && setList({ kind: 'error', error: report(error) }),
    );
    return () => controller.abort();
  }, [accountId, product.id, q, lang, tick, report]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    setQ(typed.trim());
  };
  const loadMore = async () => {
    if (list.kind !== 'ready' || !list.nextCursor) return;
    setList({ ...list, more: true });
    try {
      const page = await listMembers(accountId, product.id, { q: q || undefined, cursor: list.nextCursor });
      setList({ kind: 'ready', items: [...list.items, ...page.items], nextCursor: page.nextCursor, more: false });
    } catch (error) {
      setList({ kind: 'error', error: report(error) });
    }
  };
  const send = async (member: Member) => {
    setNotice(null);
    const sent = await resend.run(() => resendMemberAccess(accountId, product.id, member.buyer.email));
    if (sent) setNotice(t('orderActions.members.sent', { email: sent.to }));
  };

  const columns: Array<Column<Member> | false> = [
    {
      label: t('orderActions.members.col.buyer'),
      rowHeader: true,
      cell: (m) => (
        <>
          {m.buyer.name}
          <span className="refund-preview__detail">{m.buyer.email}</span>
        </>
      ),
    },
    { label: t('orderActions.members.col.since'), cell: (m) => <time dateTime={m.grantedAt}>{formatDate(m.grantedAt, lang)}</time> },
    {
      label: t('orderActions.members.col.access'),
      cell: (m) => <span className={m.status === 'active' ? 'badge badge--sent' : 'badge'}>{t(`orderActions.members.${m.status}`)}</span>,
    },
    mayResend && {
      label: t('common.actions'),
      actions: true,
      cell: (m) =>
        m.status === 'active' && m.orderId ? (
          <button type="button" className="button button--small" disabled={resend.pending} onClick={() => void send(m)}>
            {t('orderActions.members.resend')}
            <span className="visually-hidden"> {m.buyer.email}</span>
          </button>
        ) : null,
    },
  ];

  return (
    <Dialog
      title={t('orderActions.members.title', { product: product.name })}
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t('orderActions.members.close')}
        </button>
      }
    >
      <form className="members__search" role="search" onSubmit={search} noValidate>
        <TextField id={`${id}-q`} label={t('orderActions.members.search')} hint={t('orderActions.members.searchHint')} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button">
          {t('orderActions.members.search')}
        </button>
      </form>
      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      <FormAlert message={resend.formError} />
      {list.kind === 'loading' && <Loading />}
      {list.kind === 'error' && <LoadError message={list.error.message} onRetry={reload} />}
      {list.kind === 'ready' && list.items.length === 0 && <p className="muted">{t(q ? 'orderActions.members.noMatch' : 'orderActions.members.empty')}</p>}
      {list.kind === 'ready' && list.items.length > 0 && (
        <>
          <DataTable caption={t('orderActions.members.caption', { product: product.name })} columns={columns} rows={list.items} rowKey={(m) => m.id} />
          {list.nextCursor && (
            <div className="load-more">
              <button type="button" className="button" disabled={list.more} onClick={() => void loadMore()}>
                {t('orderActions.members.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
