// E-mailed links: one service for every link the product sends; tokens of 256
// random bits, stored hashed, single-use or valid until revoked, revocable by subject.
export { createLinks, defineLinkPurpose, type Inspected, type Link, type LinkPurpose, type Links } from './links.ts';
export { type LinkStatus, linkStatus, subject, type Subject } from './links.rules.ts';
export { links } from './links.tables.ts';
