// A new API key (TEAM-4), shown this once: the server keeps only its hash, so the person
// copies it now or renews it later (ui/one-time-secret-dialog.tsx).
import { useT } from '../../lib/i18n.ts';
import { OneTimeSecretDialog } from '../../ui/one-time-secret-dialog.tsx';

export function ApiKeyDialog({ apiKey, title, intro, onClose }: { apiKey: string; title: string; intro?: string; onClose: () => void }) {
  const t = useT();
  const texts = {
    label: t('team.apiKey.label'),
    copy: t('team.apiKey.copy'),
    copied: t('team.apiKey.copied'),
    copyManually: t('team.apiKey.copyManually'),
    once: t('team.apiKey.once'),
    done: t('team.apiKey.done'),
  };
  return <OneTimeSecretDialog secret={apiKey} title={title} intro={intro} texts={texts} onClose={onClose} />;
}
