// Who may call the product (the Actors of the SPEC), as one closed union, and what a
// route declares about them. Every route names the principals it accepts and what they
// need; the access service resolves the caller into exactly one of these, or refuses.
import type { Grant } from '../../kernel/access/access.rules.ts';
import type { Permission } from '../../kernel/access/permissions.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { LinkPurpose } from '../../kernel/links/index.ts';

/** A team member (owners included) by browser session or by the membership's API key (TEAM-4). */
export interface MemberPrincipal {
  kind: 'member';
  via: 'session' | 'api_key';
  userId: string;
  email: string;
  locale: Locale;
  /** With a session: its id (the SHA-256 of the cookie). */
  sessionId: string | null;
  /** With an API key: the membership the key belongs to (its only team). */
  keyMembershipId: string | null;
  ip: string | null;
}

/** The platform's own people (PLAT-*), by their own session cookie or their API key. */
export interface StaffPrincipal {
  kind: 'staff';
  via: 'session' | 'api_key';
  staffId: string;
  email: string;
  name: string;
  locale: Locale;
  sessionId: string | null;
  ip: string | null;
}

/** A buyer holding an e-mailed link (order page, ticket page): no login, one subject. */
export interface BuyerLinkPrincipal {
  kind: 'buyer_link';
  purpose: string;
  linkId: string;
  /** The id of what the link is about (an order, a ticket). */
  about: string;
  payload: Record<string, string>;
  ip: string | null;
}

// Buyers with a customer-center login (CC-*) join this union when that module lands.
export type Principal = MemberPrincipal | StaffPrincipal | BuyerLinkPrincipal;

/** Back-compatible name: the member principal is the "actor" of team and account routes. */
export type Actor = MemberPrincipal;

/**
 * What a team or account route needs: any member, the owner, one permission, or any one of
 * several (`{ anyOf }`: the Transactions tab's reads admit `sales.search` or `sales.tickets`,
 * and the service narrows what each sees).
 */
export type Need = Permission | 'owner' | 'member' | { anyOf: readonly Permission[] };

/** A need in words for the expected-access table: `sales.search`, or `sales.search|sales.tickets`. */
export function needLabel(need: Need): string {
  return typeof need === 'string' ? need : need.anyOf.join('|');
}

export type AccessRule =
  /** Anyone; declared on purpose (health, sign-up, login, link pages, docs, static files). */
  | { kind: 'public' }
  /** Any live member session, even with no usable team left (log out). */
  | { kind: 'session' }
  /** A person with at least one enabled membership usable on this channel (/me and the like). */
  | { kind: 'person'; browserOnly?: boolean }
  /** A team named by the :teamId path parameter. */
  | { kind: 'team'; need: Need; browserOnly?: boolean }
  /** A seller account named by :accountId; its team follows from it. */
  | { kind: 'account'; need: Need; browserOnly?: boolean }
  /** Platform staff, by staff session or staff API key. */
  | { kind: 'staff'; browserOnly?: boolean }
  /** A buyer with a live link of this purpose, its token in the :token path parameter. */
  | { kind: 'link'; purpose: LinkPurpose };

export interface TeamContext {
  teamId: string;
  membershipId: string;
  role: 'owner' | 'member';
  grant: Grant;
}

export interface AccessContext {
  principal: Principal | null;
  /** The member principal on member routes (null on public, staff and link routes). */
  actor: MemberPrincipal | null;
  team: TeamContext | null;
  accountId: string | null;
}

export const PUBLIC_CONTEXT: AccessContext = Object.freeze({ principal: null, actor: null, team: null, accountId: null });

/** The principals a rule admits, for the expected-access table and the API's security. */
export function principalsOf(rule: AccessRule): string[] {
  switch (rule.kind) {
    case 'public':
      return ['anyone'];
    case 'session':
      return ['member:session'];
    case 'person':
    case 'team':
    case 'account':
      return rule.browserOnly ? ['member:session'] : ['member:session', 'member:api_key'];
    case 'staff':
      return rule.browserOnly ? ['staff:session'] : ['staff:session', 'staff:api_key'];
    case 'link':
      return [`buyer_link:${rule.purpose.name}`];
    default: {
      const exhaustive: never = rule;
      return exhaustive;
    }
  }
}

/** What a rule requires beyond being that principal, for the expected-access table. */
export function requirementOf(rule: AccessRule): string {
  switch (rule.kind) {
    case 'team':
    case 'account':
      return `${rule.kind}:${needLabel(rule.need)}`;
    case 'person':
      return 'live membership';
    default:
      return '-';
  }
}
