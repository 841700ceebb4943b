// A secret the server shows this once and keeps only as a hash (an API key, a webhook's
// signing secret): the person copies it now or renews it later. Only the footer's "I have
// stored it" closes the dialog: not Escape, which would lose the secret by a slip of the
// finger (issue 7). Where the clipboard is not allowed, the secret is selected for Ctrl+C.
// Each feature words it in its own catalog and passes the texts in.
import { useId, useRef, useState } from 'react';
import { Dialog } from './dialog.tsx';

export interface OneTimeSecretTexts {
  /** The secret's name, read by screen readers as the field's label. */
  label: string;
  copy: string;
  copied: string;
  copyManually: string;
  /** Why it must be stored now. */
  once: string;
  /** The button that closes it: "I have stored it". */
  done: string;
}

export function OneTimeSecretDialog(props: { secret: string; title: string; intro?: string | undefined; texts: OneTimeSecretTexts; onClose: () => void }) {
  const { secret, title, intro, texts, onClose } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
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
          {texts.done}
        </button>
      }
    >
      {intro && <p>{intro}</p>}
      <div className="key-box">
        <label className="visually-hidden" htmlFor={inputId}>
          {texts.label}
        </label>
        <input ref={inputRef} id={inputId} className="key-box__value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="button" onClick={() => void copy()}>
          {texts.copy}
        </button>
      </div>
      <p role="status" className="muted key-box__status">
        {copied === 'yes' ? texts.copied : copied === 'no' ? texts.copyManually : ''}
      </p>
      <p className="note" role="note">
        {texts.once}
      </p>
    </Dialog>
  );
}
