// What a member may do and where (TEAM-2, TEAM-3, TEAM-5, TEAM-6): permissions as
// checkboxes grouped like the kernel's catalog, in the reader's language, and the account
// scope (every account, or chosen ones). What the viewer may not grant (grant.ts) is shown
// but disabled; the server enforces the same bound. Each picker takes its form's binding
// (`form.field(name)`): its error shows under its legend, and the focus goes to its first box.
import { useId } from 'react';
import { type Translate, useLanguage } from '../../lib/i18n.ts';
import type { Account } from '../accounts/accounts.api.ts';
import { FieldError, type FieldBinding } from '../../ui/form.tsx';
import { type Grant, groupLabel, mayGrant, PERMISSION_CATALOG, type Permission, permissionLabel } from './grant.ts';

export function PermissionPicker(props: {
  value: ReadonlySet<Permission>;
  onChange: (next: Set<Permission>) => void;
  actor: Grant;
  legend: string;
  field?: FieldBinding;
}) {
  const { t, lang } = useLanguage();
  const { value, onChange, actor, legend, field } = props;
  const hintId = useId();
  const errorId = useId();
  const isOwner = actor.role === 'owner';
  const toggle = (id: Permission, on: boolean) => {
    const next = new Set(value);
    if (on) next.add(id);
    else next.delete(id);
    field?.onInput();
    onChange(next);
  };
  const offered = (p: Permission) => mayGrant(actor, { permissions: [p] }) || value.has(p);
  const first = PERMISSION_CATALOG.flatMap((group) => group.permissions).find(offered);
  const describedBy = [isOwner ? '' : hintId, field?.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="picker" aria-describedby={describedBy} aria-invalid={field?.error ? true : undefined}>
      <legend className="picker__legend">{legend}</legend>
      {!isOwner && (
        <p id={hintId} className="field__hint">
          {t('team.grant.onlyHeld')}
        </p>
      )}
      <FieldError id={errorId} message={field?.error} />
      <div className="picker__groups">
        {PERMISSION_CATALOG.map((group) => (
          <fieldset key={group.id} className="picker__group">
            <legend>{groupLabel(group.id, lang)}</legend>
            {group.permissions.map((p) => (
              <label key={p} className="check">
                <input
                  type="checkbox"
                  name="permissions"
                  value={p}
                  ref={p === first ? field?.ref : undefined}
                  checked={value.has(p)}
                  disabled={!offered(p)}
                  onChange={(e) => toggle(p, e.target.checked)}
                />
                <span>{permissionLabel(p, lang)}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

export type ScopeValue = { all: true } | { all: false; ids: Set<string> };

/** The scope a new grant starts with: every account when the viewer may give that, else none. */
export function initialScope(actor: Grant): ScopeValue {
  return mayGrant(actor, { accounts: 'all' }) ? { all: true } : { all: false, ids: new Set() };
}

/** "Only these accounts" needs one ticked, when there is any to tick (issue 7). */
export function checkScope(t: Translate, scope: ScopeValue, accounts: readonly Account[]): string | undefined {
  return !scope.all && scope.ids.size === 0 && accounts.length > 0 ? t('team.grant.chooseAccount') : undefined;
}

export function AccountScopePicker(props: {
  accounts: readonly Account[];
  value: ScopeValue;
  onChange: (next: ScopeValue) => void;
  actor: Grant;
  legend: string;
  field?: FieldBinding;
}) {
  const { t } = useLanguage();
  const { accounts, value, onChange, actor, legend, field } = props;
  const name = useId();
  const errorId = useId();
  const mayAll = mayGrant(actor, { accounts: 'all' });
  const chosen = value.all ? new Set<string>() : value.ids;
  const change = (next: ScopeValue) => {
    field?.onInput();
    onChange(next);
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    change({ all: false, ids: next });
  };
  return (
    <fieldset className="picker" aria-describedby={field?.error ? errorId : undefined} aria-invalid={field?.error ? true : undefined}>
      <legend className="picker__legend">{legend}</legend>
      <FieldError id={errorId} message={field?.error} />
      <label className="check">
        <input type="radio" name={name} checked={value.all} disabled={!mayAll} onChange={() => change({ all: true })} />
        <span>{t('team.grant.allAccounts')}</span>
      </label>
      <label className="check">
        <input type="radio" name={name} checked={!value.all} onChange={() => change({ all: false, ids: new Set(chosen) })} />
        <span>{t('team.grant.someAccounts')}</span>
      </label>
      {!value.all && (
        <div className="picker__nested">
          {accounts.length === 0 && <p className="muted">{t('team.grant.noLinkedAccounts')}</p>}
          {accounts.map((account, index) => (
            <label key={account.id} className="check">
              <input
                type="checkbox"
                name="accountIds"
                value={account.id}
                ref={index === 0 ? field?.ref : undefined}
                checked={chosen.has(account.id)}
                onChange={(e) => toggle(account.id, e.target.checked)}
              />
              <span>
                {account.nickname} <span className="muted">({account.username})</span>
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** "All accounts" or the nicknames, for tables. */
export function scopeText(t: Translate, allAccounts: boolean, ids: readonly string[], names: ReadonlyMap<string, string>): string {
  if (allAccounts) return t('team.grant.allAccountsShort');
  if (ids.length === 0) return t('team.grant.noAccounts');
  return ids.map((id) => names.get(id) ?? id.slice(-8)).join(', ');
}
