// A new API key (TEAM-4), shown this once: the server keeps only its hash, so the person
// copies it now or renews it later. Only "I have stored it" closes it: not Escape, which
// would lose the key by a slip of the finger (issue 7).
import { useId, useRef, useState } from 'react';
import { useT } from '../../lib/i18n.ts';
import { Dialog } from '../../ui/dialog.tsx';

export function ApiKeyDialog({ apiKey, title, intro, onClose }: { apiKey: string; title: string; intro?: string; onClose: () => void }) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied('yes');
    } catch {
      // No clipboard access (permissions, insecure origin): select it for Ctrl+C.
      inputRef.current?.select();
      setCopied('no');
    }
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      dismissible={false}
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('team.apiKey.done')}
        </button>
      }
    >
      {intro && <p>{intro}</p>}
      <div className="key-box">
        <label className="visually-hidden" htmlFor={inputId}>
          {t('team.apiKey.label')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="key-box__value"
          readOnly
          value={apiKey}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('team.apiKey.copy')}
        </button>
      </div>
      <p role="status" className="muted key-box__status">
        {copied === 'yes' ? t('team.apiKey.copied') : copied === 'no' ? t('team.apiKey.copyManually') : ''}
      </p>
      <p className="note" role="note">
        {t('team.apiKey.once')}
      </p>
    </Dialog>
  );
}
