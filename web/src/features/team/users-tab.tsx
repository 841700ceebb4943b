// What the sections of the Users tab share: the viewer's grant, the team's accounts and
// profiles (for the forms), the page's notice and reloads, and the section frame.
import type { ReactNode } from 'react';
import type { Account } from '../accounts/accounts.api.ts';
import type { Grant } from './grant.ts';
import type { Profile } from './team.api.ts';

export type Notice = { tone: 'success' | 'error'; text: string };

export interface UsersTab {
  teamId: string;
  /** The viewer's own membership, marked "You" in the list. */
  membershipId: string;
  /** What the viewer may grant (TEAM-3); null while a member's own grant loads. */
  actor: Grant | null;
  accounts: readonly Account[];
  accountNames: ReadonlyMap<string, string>;
  profiles: readonly Profile[];
  /** Everything the add and edit forms need has loaded. */
  formsReady: boolean;
  /** The one message of the page, on top: a change done, or refused. */
  notify: (notice: Notice | null) => void;
  /** A change in one section alters what others show (profile counts, members' permissions). */
  reload: { members: () => void; profiles: () => void; invitations: () => void };
}

export function personName(m: { firstName: string; lastName: string; email: string }): string {
  return `${m.firstName} ${m.lastName}`.trim() || m.email;
}

/** A section of the tab: its heading (and intro), its main button, its content. */
export function UsersSection({ id, title, intro, action, children }: { id: string; title: string; intro?: string; action: ReactNode; children: ReactNode }) {
  const heading = (
    <h2 id={id} className="section__title">
      {title}
    </h2>
  );
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section__head">
        {intro ? (
          <div>
            {heading}
            <p className="muted">{intro}</p>
          </div>
        ) : (
          heading
        )}
        {action}
      </div>
      {children}
    </section>
  );
}
