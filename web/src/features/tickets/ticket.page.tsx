// One ticket in a team, at `/t/:teamId/tickets/:number` (TKT-9): what is due and when, the
// actions the rules allow the seller now (reply, change type, close, reopen; a save asks to
// record that the buyer agreed, TKT-5), the order with its tools (the order page, where the
// buyer's e-mail is changed; the receipt as PDF or e-mailed again), and the whole history.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { useTeam } from '../app/team-scope.tsx';
import { useResource } from '../app/use-resource.ts';
import { orderPagePath, receiptPdfUrl, sendReceipt } from '../transactions/transactions.api.ts';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { resyncPlatformTime } from './platform-time.ts';
import { DuePanel, OrderFacts, TicketActionsPanel, TicketFacts, TicketHead, TicketHistory } from './ticket-view.tsx';
import { holds, memberMay } from './member.ts';
import { type TicketDetail, ticketsApi } from './tickets.api.ts';

export function TicketPage() {
  const { t } = useLanguage();
  const team = useTeam();
  const number = Number(useParams().number ?? '');
  const valid = Number.isInteger(number) && number > 0;
  const [resource, reload, update] = useResource<TicketDetail>(valid ? `/teams/${team.teamId}/tickets/${number}` : null);
  useDocumentTitle(t('tickets.ticket.title', { number: valid ? number : '' }));
  const back = (
    <p>
      <Link to={tabPath(team.teamId, 'tickets')}>← {t('tickets.ticket.back')}</Link>
    </p>
  );
  if (!valid || (resource.kind === 'error' && resource.error.status === 404)) {
    return (
      <section className="page page--center" aria-labelledby="page-title">
        <h1 id="page-title" className="page__title">
          {t('tickets.ticket.notFoundTitle')}
        </h1>
        <p>{t('tickets.ticket.notFound')}</p>
        <p>
          <Link to={tabPath(team.teamId, 'tickets')} className="button button--primary">
            {t('tickets.ticket.back')}
          </Link>
        </p>
      </section>
    );
  }
  if (resource.kind === 'loading') return <Loading />;
  if (resource.kind === 'error') {
    return (
      <section className="page">
        {back}
        <LoadError message={resource.error.message} onRetry={reload} />
      </section>
    );
  }
  const detail = resource.data;
  return (
    <section className="page ticket" aria-labelledby="page-title">
      {back}
      <TicketHead detail={detail} />
      <div className="ticket__layout">
        <div className="ticket__main">
          <DuePanel detail={detail} reader="seller" />
          <TicketActionsPanel
            detail={detail}
            reader="seller"
            api={ticketsApi.actions(team.teamId, detail.number)}
            allow={memberMay(team)}
            onChanged={(next) => {
              update(() => next);
              void resyncPlatformTime();
            }}
          />
          <TicketHistory detail={detail} />
        </div>
        <div className="ticket__side">
          <TicketFacts detail={detail} />
          <OrderFacts
            detail={detail}
            receipt={<Link to={orderPagePath(team.teamId, detail.order.id)}>{detail.order.receipt}</Link>}
            tools={<OrderTools detail={detail} team={team} />}
          />
        </div>
      </div>
    </section>
  );
}

/** TKT-9's order actions: view it (the buyer's e-mail is changed there), print the receipt, e-mail it again. */
function OrderTools({ detail, team }: { detail: TicketDetail; team: SessionTeam }) {
  const { t } = useLanguage();
  const mail = useMutation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const receipts = holds(team, 'receipts.send');
  const emailReceipt = async () => {
    setSentTo(null);
    const sent = await mail.run(() => sendReceipt(team.teamId, detail.order.id));
    if (sent) setSentTo(sent.to);
  };
  return (
    <>
      <p className="ticket__tool-row">
        <Link className="button button--small" to={orderPagePath(team.teamId, detail.order.id)}>
          {t('tickets.order.view')}
        </Link>
        {receipts && (
          <>
            <a className="button button--small" href={receiptPdfUrl(team.teamId, detail.order.id)} target="_blank" rel="noopener">
              {t('tickets.order.pdf')}
              <span className="visually-hidden"> ({t('common.newTab')})</span>
            </a>
            <button type="button" className="button button--small" disabled={mail.pending} onClick={() => void emailReceipt()}>
              {t('tickets.order.email')}
            </button>
          </>
        )}
      </p>
      {holds(team, 'sales.change_buyer_email') && <p className="muted small">{t('tickets.order.changeEmailHint')}</p>}
      <div role="status">{sentTo && <p className="alert alert--success">{t('tickets.order.emailSent', { email: sentTo })}</p>}</div>
      {mail.formError && (
        <p className="alert alert--error" role="alert">
          {mail.formError}
        </p>
      )}
    </>
  );
}
