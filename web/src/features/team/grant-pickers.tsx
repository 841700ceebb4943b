// What a member may do and where (TEAM-2, TEAM-3, TEAM-5, TEAM-6): permissions as
// checkboxes grouped like the catalog (labels from GET /api/v1/permissions, in the
// reader's language), and the account scope (every account, or chosen ones). Someone who
// manages users without being the owner can grant only what they hold (TEAM-3): the rest
// is shown but disabled; the server enforces the same bound.
import { useId } from 'react';
import { type Language, useLanguage } from '../../lib/i18n.ts';
import type { Account } from '../accounts/accounts.api.ts';
import type { Label, PermissionCatalog } from './team.api.ts';

export function labelIn(label: Label, lang: Language): string {
  return label[lang] || label.en;
}

/** The label of each permission id, in the reader's language. */
export function permissionLabels(catalog: PermissionCatalog, lang: Language): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of catalog.groups) for (const p of group.permissions) map.set(p.id, labelIn(p.label, lang));
  return map;
}

/** What the viewer may grant: everything for the owner, else what they hold. */
export interface GrantBounds {
  isOwner: boolean;
  permissions: ReadonlySet<string>;
  allAccounts: boolean;
  accountIds: ReadonlySet<string>;
}

export function mayGrantPermission(bounds: GrantBounds, permission: string): boolean {
  return bounds.isOwner || bounds.permissions.has(permission);
}

export function mayGrantAll(bounds: GrantBounds, permissions: readonly string[]): boolean {
  return permissions.every((p) => mayGrantPermission(bounds, p));
}

export function PermissionPicker(props: {
  catalog: PermissionCatalog;
  value: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  bounds: GrantBounds;
  legend: string;
}) {
  const { t, lang } = useLanguage();
  const { catalog, value, onChange, bounds, legend } = props;
  const hintId = useId();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(value);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="picker" aria-describedby={bounds.isOwner ? undefined : hintId}>
      <legend className="picker__legend">{legend}</legend>
      {!bounds.isOwner && (
        <p id={hintId} className="field__hint">
          {t('app.grant.onlyHeld')}
        </p>
      )}
      <div className="picker__groups">
        {catalog.groups.map((group) => (
          <fieldset key={group.id} className="picker__group">
            <legend>{labelIn(group.label, lang)}</legend>
            {group.permissions.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  name="permissions"
                  value={p.id}
                  checked={value.has(p.id)}
                  disabled={!mayGrantPermission(bounds, p.id) && !value.has(p.id)}
                  onChange={(e) => toggle(p.id, e.target.checked)}
                />
                <span>{labelIn(p.label, lang)}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

export type ScopeValue = { all: true } | { all: false; ids: Set<string> };

export function AccountScopePicker(props: {
  accounts: readonly Account[];
  value: ScopeValue;
  onChange: (next: ScopeValue) => void;
  bounds: GrantBounds;
  legend: string;
}) {
  const { t } = useLanguage();
  const { accounts, value, onChange, bounds, legend } = props;
  const name = useId();
  const mayAll = bounds.isOwner || bounds.allAccounts;
  const chosen = value.all ? new Set<string>() : value.ids;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange({ all: false, ids: next });
  };
  return (
    <fieldset className="picker">
      <legend className="picker__legend">{legend}</legend>
      <label className="check">
        <input type="radio" name={name} checked={value.all} disabled={!mayAll} onChange={() => onChange({ all: true })} />
        <span>{t('app.grant.allAccounts')}</span>
      </label>
      <label className="check">
        <input type="radio" name={name} checked={!value.all} onChange={() => onChange({ all: false, ids: new Set(chosen) })} />
        <span>{t('app.grant.someAccounts')}</span>
      </label>
      {!value.all && (
        <div className="picker__nested">
          {accounts.length === 0 && <p className="muted">{t('app.accounts.empty')}</p>}
          {accounts.map((account) => (
            <label key={account.id} className="check">
              <input type="checkbox" name="accountIds" value={account.id} checked={chosen.has(account.id)} onChange={(e) => toggle(account.id, e.target.checked)} />
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
export function scopeText(t: (key: 'app.grant.allAccountsShort' | 'app.grant.noAccounts') => string, allAccounts: boolean, ids: readonly string[], names: Map<string, string>): string {
  if (allAccounts) return t('app.grant.allAccountsShort');
  if (ids.length === 0) return t('app.grant.noAccounts');
  return ids.map((id) => names.get(id) ?? id.slice(-8)).join(', ');
}
