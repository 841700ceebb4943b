// Modal dialogs on the native <dialog> element: focus moves in and back, Escape closes,
// the rest of the page is inert while open. The parent decides whether it is open by
// rendering it or not.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../lib/i18n.ts';

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; role?: 'dialog' | 'alertdialog' }) {
  const { title, onClose, children, footer, role } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault(); // the parent unmounts it
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
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
