// A ticket opened from its e-mailed link (TKT-3), with no login: `/tickets/b/:token` for the
// buyer and `/tickets/s/:token` for the seller. The link is the credential for that ticket and
// that party only; the page reads the ticket, says what is due and when, and offers exactly the
// actions the server lists for that party (the buyer: reply, change the type, close, reopen and
// escalate a ticket the seller closed or changed; the seller: reply, change the type or close with
// the buyer's consent, reopen). A link that no longer works says so and what to do instead.
import { useParams } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useLoad } from '../auth/auth.form.tsx';
import { LoadProblem } from '../auth/link-problem.tsx';
import { resyncPlatformTime } from '../tickets/platform-time.ts';
import { DuePanel, OrderFacts, TicketActionsPanel, TicketFacts, TicketHead, TicketHistory } from '../tickets/ticket-view.tsx';
import { type LinkParty, type TicketDetail, ticketLinkApi } from '../tickets/tickets.api.ts';
import '../tickets/tickets.css';

export function TicketLinkPage({ party }: { party: LinkParty }) {
  const token = useParams().token ?? '';
  const { t } = useLanguage();
  const { result, setResult, reload } = useLoad<TicketDetail>((signal) => ticketLinkApi.get(party, token, signal), `${party}:${token}`);
  useDocumentTitle(result.state === 'ready' ? t('tickets.ticket.title', { number: result.data.number }) : t('tickets.link.title'));

  if (result.state === 'loading') {
    return (
      <section className="page ticket ticket--link" aria-busy="true">
        <Loading />
      </section>
    );
  }
  if (result.state === 'failed') {
    if (result.error.status === 404 || result.error.status === 401 || (result.error.code === 'validation_failed' && result.error.field === 'token')) {
      return <DeadLink party={party} />;
    }
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const detail = result.data;
  const kicker = t(party === 'buyer' ? 'tickets.link.kickerBuyer' : 'tickets.link.kickerSeller', { seller: detail.account.nickname });
  return (
    <section className="page ticket ticket--link" aria-labelledby="page-title" data-party={party}>
      <TicketHead detail={detail} kicker={kicker} />
      <p className="muted">{t(party === 'buyer' ? 'tickets.link.introBuyer' : 'tickets.link.introSeller')}</p>
      <div className="ticket__layout">
        <div className="ticket__main">
          <DuePanel detail={detail} reader={party} />
          <TicketActionsPanel
            detail={detail}
            reader={party}
            api={ticketLinkApi.actions(party, token)}
            onChanged={(next) => {
              setResult({ state: 'ready', data: next });
              void resyncPlatformTime();
            }}
          />
          <TicketHistory detail={detail} />
        </div>
        <div className="ticket__side">
          <TicketFacts detail={detail} />
          <OrderFacts detail={detail} />
        </div>
      </div>
    </section>
  );
}

/** A link that opens no ticket (unknown, cut short, or revoked when the buyer's e-mail changed). */
function DeadLink({ party }: { party: LinkParty }) {
  const { t } = useLanguage();
  useDocumentTitle(t('tickets.link.dead.title'));
  return (
    <section className="page page--narrow ticket--link" aria-labelledby="page-title">
      <div className="card">
        <h1 id="page-title" className="page__title">
          {t('tickets.link.dead.title')}
        </h1>
        <div className="alert alert--error" role="alert">
          <p>{t('tickets.link.dead.body')}</p>
        </div>
        <p>{t(party === 'buyer' ? 'tickets.link.dead.nextBuyer' : 'tickets.link.dead.nextSeller')}</p>
      </div>
    </section>
  );
}
