// My profile (issue 7): the signed-in person, whatever team they are working in: name,
// the language of their e-mails, password, PIN and security questions, sessions and
// devices, and their API key in each team. Every change is e-mailed to them by the server.
import { useLanguage } from '../../lib/i18n.ts';
import { fullName, useMe } from '../../lib/session.tsx';
import { useResource } from '../app/use-resource.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { ApiKeysSection } from './api-keys.section.tsx';
import { EmailLanguageSection, NameSection } from './details.section.tsx';
import { PasswordSection } from './password.section.tsx';
import { type MySessions, profilePaths } from './profile.api.ts';
import { SecuritySection } from './security.section.tsx';
import { SessionsSection } from './sessions.section.tsx';
import './profile.css';

export function ProfilePage() {
  const { t } = useLanguage();
  const me = useMe();
  useDocumentTitle(t('profile.title'));
  // Here, not in its section: a new password ends the other sessions, and the list shows it.
  const [sessions, reloadSessions] = useResource<MySessions>(profilePaths.sessions);
  return (
    <section className="page profile" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <p className="page__kicker">{fullName(me.user)}</p>
          <h1 id="page-title" className="page__title">
            {t('profile.title')}
          </h1>
          <p className="muted">{t('profile.intro', { email: me.user.email })}</p>
        </div>
      </div>
      <div className="profile__pair">
        <NameSection />
        <EmailLanguageSection />
      </div>
      <PasswordSection onChanged={reloadSessions} />
      <SecuritySection />
      <SessionsSection sessions={sessions} reload={reloadSessions} />
      <ApiKeysSection />
    </section>
  );
}
