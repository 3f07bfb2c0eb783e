import { type ReactNode, useEffect, useRef } from 'react';

const FIRST_FIELD =
  '.qs-dialog-body :is(input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]))';
/** A confirmation without fields starts on its confirm button, so Enter confirms (and never closes on ×). */
const SUBMIT = '.qs-dialog-body form button[type=submit]:not([disabled])';
/** A dialog of choices only (no form) starts on its main choice; a destructive one (is-danger) does not. */
const PRIMARY = '.qs-dialog-body .qs-btn.is-primary:not([disabled])';

/**
 * A modal built on <dialog>: focus is trapped by the browser and starts on the first field (or, in a form
 * without fields, on its submit button; in a dialog of choices, on its main one), Escape closes it.
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal();
      // The browser would focus the first focusable element, the header's close button; a dialog with a form
      // starts on its first field instead (React's autoFocus ran while the dialog was still closed).
      (
        d.querySelector<HTMLElement>(FIRST_FIELD) ??
        d.querySelector<HTMLElement>(SUBMIT) ??
        d.querySelector<HTMLElement>(PRIMARY)
      )?.focus();
    }
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className={`qs-dialog${props.wide ? ' is-wide' : ''}`}
      aria-label={props.title}
      onClose={props.onClose}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.open && (
        <>
          <header className="qs-dialog-head">
            <h2>{props.title}</h2>
            <button type="button" className="qs-icon-btn" aria-label="Close" onClick={props.onClose}>
              ×
            </button>
          </header>
          <div className="qs-dialog-body">{props.children}</div>
        </>
      )}
    </dialog>
  );
}

/**
 * A form dialog's footer: a way out (Cancel), then the form's submit button, the main action or, with
 * `danger`, a destructive one (which the dialog never focuses first).
 */
export function DialogFoot(props: {
  onCancel: () => void;
  cancel?: string;
  submit: ReactNode;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <div className="qs-dialog-foot">
      <button type="button" className="qs-btn" onClick={props.onCancel}>
        {props.cancel ?? 'Cancel'}
      </button>
      <button
        type="submit"
        className={`qs-btn ${props.danger ? 'is-danger' : 'is-primary'}`}
        disabled={props.disabled}
      >
        {props.submit}
      </button>
    </div>
  );
}
