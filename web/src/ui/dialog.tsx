// Modal dialogs on the native <dialog> element: focus moves in and back, Escape closes
// (unless the dialog must be answered: `dismissible={false}`), the rest of the page is
// inert while open. The parent decides whether it is open by rendering it or not.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../lib/i18n.ts';

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  role?: 'dialog' | 'alertdialog';
  /** False: Escape does nothing, only the footer's buttons close it (a key shown once, say). */
  dismissible?: boolean;
}) {
  const { title, onClose, children, footer, role, dismissible = true } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const dismissibleRef = useRef(dismissible);
  dismissibleRef.current = dismissible;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    let unmounting = false;
    const onCancel = (event: Event) => {
      event.preventDefault(); // the parent unmounts it
      if (dismissibleRef.current) closeRef.current();
    };
    // Escape is a "close request": cancelling its keydown keeps a dialog that must be
    // answered open (Chromium closes it without a cancel event on a second Escape otherwise).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !dismissibleRef.current) event.preventDefault();
    };
    // Should the browser close it anyway, open it again: only the parent decides.
    const onClosed = () => {
      if (!unmounting && !dismissibleRef.current && dialog.isConnected) dialog.showModal();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('keydown', onKeyDown);
    dialog.addEventListener('close', onClosed);
    return () => {
      unmounting = true;
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('keydown', onKeyDown);
      dialog.removeEventListener('close', onClosed);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={headingId} role={role}>
      <h2 id={headingId} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </dialog>
  );
}

/** "Are you sure?" with the consequence spelled out; the confirm button names the action. */
export function ConfirmDialog(props: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { title, body, confirmLabel, danger, pending, error, onConfirm, onCancel } = props;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      role="alertdialog"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} onClick={onConfirm} disabled={pending}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {typeof body === 'string' ? <p>{body}</p> : body}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
