// The links service: every e-mailed link of the product goes through it. A module
// declares a purpose (time to live, single use or valid until revoked, the principal it
// grants, what it is about) and issues, inspects, uses and revokes links of it; adding a
// kind of link touches only the module that owns it.
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { newId, randomTokens, sha256 } from '../ids.ts';
import { createLinksRepository, type LinkRow } from './links.repository.ts';
import { type LinkStatus, linkStatus, looksLikeToken, type Subject, subject } from './links.rules.ts';

export interface LinkPurpose<P extends Record<string, string> = Record<string, string>> {
  /** Stable name stored with each link: "<module>.<what>". */
  name: string;
  /** Time to live; null: valid until revoked. */
  ttlMs: number | null;
  singleUse: boolean;
  /**
   * The principal a holder of the link becomes on the routes that accept it: 'none' for
   * links a use case consumes itself (set a password, accept an invitation), 'buyer' for
   * a buyer's order or ticket page (no login; sales and tickets declare these).
   */
  grants: 'none' | 'buyer';
  /** The subject type the link is about (the first subject): "user", "order", "ticket"… */
  about: string;
  /** Issuing a new link voids the earlier live links of this purpose about the same subject. */
  replacesEarlier?: boolean;
  /** Phantom: the payload's shape. */
  readonly __payload?: P;
}

export function defineLinkPurpose<P extends Record<string, string> = Record<string, string>>(purpose: Omit<LinkPurpose<P>, '__payload'>): LinkPurpose<P> {
  return purpose as LinkPurpose<P>;
}

export interface IssueInput<P> {
  /** The id of what the link is about (purpose.about). */
  about: string;
  /** Other subjects to revoke it by (e.g. the buyer of an order): "type:id". */
  alsoAbout?: Subject[];
  payload?: P;
  /**
   * A token the caller derived itself (the demo seed, so it can print its links again); at
   * least 256 bits of secret material. Everything else lets the service draw one.
   */
  token?: string;
}

export interface Link<P> {
  id: string;
  about: string;
  subjects: string[];
  payload: P;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface Inspected<P> {
  status: LinkStatus;
  link: Link<P> | null;
}

export type Links = ReturnType<typeof createLinks>;

function toLink<P>(row: LinkRow): Link<P> {
  const [first] = row.subjects;
  return {
    id: row.id,
    about: first.slice(first.indexOf(':') + 1),
    subjects: row.subjects,
    payload: row.payload as P,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

export function createLinks(deps: { clock: Clock }) {
  const repo = createLinksRepository();
  const now = () => deps.clock.now();

  /**
   * Links of one purpose issued in one statement (a batch of the ticket sweep); their raw
   * tokens, in the order of `inputs`.
   */
  async function issueMany<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, inputs: ReadonlyArray<IssueInput<P>>): Promise<string[]> {
    if (inputs.length === 0) return [];
    const at = now();
    const expiresAt = purpose.ttlMs === null ? null : new Date(at.getTime() + purpose.ttlMs);
    const drawn = randomTokens(inputs.length, 32);
    const rows = inputs.map((input, i) => {
      const raw = input.token ?? drawn[i]!;
      const main = subject(purpose.about, input.about);
      const row = {
        id: newId(),
        tokenHash: sha256(raw),
        purpose: purpose.name,
        subjects: [main, ...(input.alsoAbout ?? [])],
        payload: input.payload ?? {},
        singleUse: purpose.singleUse,
        expiresAt,
        createdAt: at,
      };
      return { raw, main, row };
    });
    if (purpose.replacesEarlier) {
      // Each voids the ones before it, even within the batch: one at a time.
      for (const { main, row } of rows) {
        await repo.revoke(db, main, at, purpose.name);
        await repo.insertMany(db, [row]);
      }
    } else {
      await repo.insertMany(db, rows.map((r) => r.row));
    }
    return rows.map((r) => r.raw);
  }

  return {
    /** Issues a link and returns the raw token, the only time it exists in clear. */
    async issue<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, input: IssueInput<P>): Promise<string> {
      const [raw] = await issueMany(db, purpose, [input]);
      return raw!;
    },

    issueMany,

    /** The link's state and content, without using it (the page that opens it). */
    async inspect<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, raw: string): Promise<Inspected<P>> {
      if (!looksLikeToken(raw)) return { status: 'invalid', link: null };
      const row = await repo.findByHash(db, sha256(raw), purpose.name);
      const status = linkStatus(row, now());
      return { status, link: row ? toLink<P>(row) : null };
    },

    /**
     * Uses the link (compare-and-set): a single-use link is spent by the first caller only.
     * Null when it is not live (expired, used, revoked, unknown): `inspect` tells which.
     */
    async use<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, raw: string): Promise<Link<P> | null> {
      if (!looksLikeToken(raw)) return null;
      const row = await repo.use(db, sha256(raw), purpose.name, now());
      return row ? toLink<P>(row) : null;
    },

    /**
     * Reserves one check made with a live link (e.g. a PIN asked by a reset link), atomically,
     * before the check: at most `max` ever. Returns how many were made, or null when none is left.
     */
    reserveTry<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, raw: string, max: number): Promise<number | null> {
      if (!looksLikeToken(raw)) return Promise.resolve(null);
      return repo.reserveTry(db, sha256(raw), purpose.name, now(), max);
    },

    /**
     * The live links of a purpose whose payload holds every entry of `payload` (a team's
     * pending requests, say), newest first: what a page lists as "pending". Never the tokens.
     */
    async listLive<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, payload: Partial<P>): Promise<Link<P>[]> {
      const rows = await repo.findLive(db, purpose.name, payload as Record<string, string>, now());
      return rows.map((row) => toLink<P>(row));
    },

    /** Revokes one live link of a purpose by its id (not its token): the link as it was, or null when it was not live. */
    async revokeById<P extends Record<string, string>>(db: Db, purpose: LinkPurpose<P>, id: string): Promise<Link<P> | null> {
      const row = await repo.revokeById(db, id, purpose.name, now());
      return row ? toLink<P>(row) : null;
    },

    /** Revokes every live link about a subject (of one purpose, or of all). Returns how many. */
    revoke(db: Db, about: { type: string; id: string }, purpose?: LinkPurpose<never> | LinkPurpose): Promise<number> {
      return repo.revoke(db, subject(about.type, about.id), now(), purpose?.name);
    },
  };
}
