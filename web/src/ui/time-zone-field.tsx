// A searchable picker of IANA time zones, each with its offset now (issue 7): the ARIA 1.2
// combobox pattern (an input that filters a listbox, the active option as
// aria-activedescendant). Typing filters by name or offset; Arrow keys move, Enter picks,
// Escape closes the list (and only the list). The text stays the value, so the form checks
// it like any field: empty (UTC) or a zone of the list.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { matchZones, timeZoneOptions, type ZoneOption } from '../lib/time-zones.ts';
import { FieldShell } from './form.tsx';

/** Options drawn at once: a search narrows the rest down. */
const SHOWN = 80;

export function TimeZoneField(props: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  /** The form's binding parts (`form.field(name)`): the focus on an error, clearing it on input. */
  ref?: (element: HTMLElement | null) => void;
  onInput?: () => void;
  name?: string;
  placeholder?: string;
  /** The moment the offsets are for (tests); now by default. */
  at?: Date;
}) {
  const { label, hint, error, value, onChange, ref, onInput, name, placeholder, at } = props;
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const options = useMemo(() => timeZoneOptions(at ?? new Date()), [at]);
  const [open, setOpen] = useState(false);
  // Until the person types, the whole list shows (the current zone marked), not just the current one.
  const [typed, setTyped] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const matches = useMemo(() => (typed ? matchZones(options, value) : options), [typed, options, value]);
  const shown = matches.slice(0, SHOWN);

  const openList = () => {
    setOpen(true);
    const current = shown.findIndex((o) => o.id === value);
    setActive(current);
  };

  const pick = (option: ZoneOption) => {
    onChange(option.id);
    onInput?.();
    setOpen(false);
    setTyped(false);
    setActive(-1);
  };

  useEffect(() => {
    if (!open || active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.min(i + 1, shown.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter':
        if (open && active >= 0 && shown[active]) {
          event.preventDefault(); // picks; does not submit the form
          pick(shown[active]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation(); // closes the list, not a dialog around it
          setOpen(false);
        }
        break;
      default:
    }
  };

  const activeId = open && active >= 0 && shown[active] ? `${id}-opt-${active}` : undefined;
  const selected = options.find((o) => o.id === value);

  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <div className="combobox">
          <input
            id={id}
            ref={ref}
            name={name}
            type="text"
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeId}
            autoComplete="off"
            spellCheck={false}
            placeholder={placeholder}
            maxLength={64}
            value={value}
            {...aria}
            onChange={(e) => {
              onChange(e.target.value);
              onInput?.();
              setTyped(true);
              setOpen(true);
              setActive(e.target.value.trim() ? 0 : -1);
            }}
            onClick={() => (open ? setOpen(false) : openList())}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          {selected && !open && <span className="combobox__offset combobox__offset--value">{selected.offset}</span>}
          <ul id={listId} ref={listRef} role="listbox" aria-label={t('timeZone.list')} className="combobox__list" hidden={!open}>
            {open && shown.length === 0 && (
              <li className="combobox__empty" role="presentation">
                {t('timeZone.noMatch')}
              </li>
            )}
            {open &&
              shown.map((option, index) => (
                <li
                  key={option.id}
                  id={`${id}-opt-${index}`}
                  data-index={index}
                  role="option"
                  aria-selected={index === active}
                  className={option.id === value ? 'combobox__option is-current' : 'combobox__option'}
                  // Before the input's blur, so the click picks.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(option)}
                >
                  <span>{option.id.replaceAll('_', ' ')}</span>{' '}
                  <span className="combobox__offset">{option.offset}</span>
                </li>
              ))}
            {open && matches.length > SHOWN && (
              <li className="combobox__empty" role="presentation">
                {t('timeZone.more', { count: matches.length - SHOWN })}
              </li>
            )}
          </ul>
        </div>
      )}
    </FieldShell>
  );
}
