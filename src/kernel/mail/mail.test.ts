import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../test/app.ts';
import { startSmtp } from '../../../test/smtp.ts';
import { createMailer } from './mailer.ts';
import { backoffMs, MAX_ATTEMPTS, redactLinks, REDACTED, shouldGiveUp } from './mail.rules.ts';
import { passwordReset } from '../../modules/auth/auth.mail.ts';
import { outbox } from './mail.tables.ts';
import { testMessage } from './mail.templates.ts';

const smtp = await startSmtp();
const { deps, clock } = await createTestDeps({ smtpUrl: smtp.url });
const db = deps.database.db;
afterAll(async () => {
  deps.mailer.close();
  await deps.database.close();
  await smtp.close();
});

async function rowFor(to: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, to));
  return row;
}

describe('links in sent messages (X-5, issue 7 finding 9)', () => {
  const token = 'Ab3_-'.repeat(8) + 'xyz';

  it('redacts link tokens, and only them', () => {
    expect(redactLinks(`Open https://m.example/password/reset/${token} now`)).toBe(`Open https://m.example/password/reset/${REDACTED} now`);
    expect(redactLinks(`<a href="http://localhost:3000/invitations/${token}">x</a>`)).toBe(`<a href="http://localhost:3000/invitations/${REDACTED}">x</a>`);
    expect(redactLinks('https://m.example/accounts/0191f5a2-1c2b-7c3d-8e4f-123456789abc')).toContain('0191f5a2'); // ids are not secrets
    expect(redactLinks('https://m.example/login')).toBe('https://m.example/login');
  });

  it('the recipient gets the link; the stored copy keeps only its redacted form once sent; old sent messages are purged', async () => {
    await deps.mailer.enqueue(db, { template: passwordReset, params: { name: 'Rita', url: `http://mostrador.test/password/reset/${token}` }, to: 'rita@example.com', locale: 'en' });
    expect((await rowFor('rita@example.com')).text).toContain(token); // pending: the worker still has to send it
    await deps.mailer.deliverDue(db);
    const got = smtp.received.find((m) => m.to.includes('rita@example.com'));
    expect(got?.text).toContain(token);
    const stored = await rowFor('rita@example.com');
    expect(stored.status).toBe('sent');
    expect(`${stored.text}${stored.html}`).not.toContain(token);
    expect(stored.text).toContain(`/password/reset/${REDACTED}`);

    expect(await deps.mailer.purgeSent(db, 86_400_000)).toBe(0); // younger than the retention
    clock.advance(86_400_001);
    expect(await deps.mailer.purgeSent(db, 86_400_000)).toBeGreaterThanOrEqual(1);
    expect(await rowFor('rita@example.com')).toBeUndefined();
  });
});

describe('outbox (NOTIF-4)', () => {
  it('writes the message in the caller transaction: a rollback leaves no message', async () => {
    await expect(
      db.transaction(async (tx) => {
        await deps.mailer.enqueue(tx, { template: testMessage, params: { name: 'X' }, to: 'rollback@example.com', locale: 'en' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await rowFor('rollback@example.com')).toBeUndefined();
  });

  it('renders both HTML and text in the recipient language', async () => {
    await deps.mailer.enqueue(db, { template: testMessage, params: { name: 'Lucía <b>' }, to: 'es@example.com', locale: 'es' });
    const row = await rowFor('es@example.com');
    expect(row.subject).toBe('Mensaje de prueba de Mostrador');
    expect(row.html).toContain('Hola, Lucía &lt;b&gt;');
    expect(row.html).toContain('lang="es"');
    expect(row.text).toContain('Hola, Lucía <b>');
  });

  it('delivers through SMTP with its stable Message-ID, once', async () => {
    await deps.mailer.enqueue(db, { template: testMessage, params: { name: 'Ana' }, to: 'ana@example.com', locale: 'en' });
    const row = await rowFor('ana@example.com');
    await deps.mailer.deliverDue(db);
    await deps.mailer.deliverDue(db);
    const got = smtp.received.filter((m) => m.to.includes('ana@example.com'));
    expect(got).toHaveLength(1);
    expect(got[0].messageId).toBe(row.messageId);
    expect(got[0].subject).toBe('Mostrador test message');
    expect(got[0].text).toContain('Hello, Ana');
    expect((await rowFor('ana@example.com')).status).toBe('sent');
  });

  it('retries a temporary failure after the back-off, with the same Message-ID', async () => {
    await deps.mailer.enqueue(db, { template: testMessage, params: { name: 'Bo' }, to: 'bo@example.com', locale: 'en' });
    smtp.failNext(1);
    await deps.mailer.deliverDue(db);
    let row = await rowFor('bo@example.com');
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/451|try again/);
    await deps.mailer.deliverDue(db); // not due yet
    expect(smtp.received.filter((m) => m.to.includes('bo@example.com'))).toHaveLength(0);
    clock.advance(backoffMs(1) + 1);
    await deps.mailer.deliverDue(db);
    row = await rowFor('bo@example.com');
    expect(row.status).toBe('sent');
    const got = smtp.received.filter((m) => m.to.includes('bo@example.com'));
    expect(got).toHaveLength(1);
    expect(got[0].messageId).toBe(row.messageId);
  });

  it('two workers delivering at once send each message exactly once', async () => {
    const other = createMailer({ clock, from: deps.config.mailFrom, smtpUrl: smtp.url, messageIdDomain: 'mostrador.test' });
    for (let i = 0; i < 12; i++) {
      await deps.mailer.enqueue(db, { template: testMessage, params: { name: `P${i}` }, to: `p${i}@race.example.com`, locale: 'en' });
    }
    await Promise.all([deps.mailer.deliverDue(db, 5), other.deliverDue(db, 5), deps.mailer.deliverDue(db, 5), other.deliverDue(db, 5)]);
    await deps.mailer.deliverDue(db);
    other.close();
    const got = smtp.received.filter((m) => m.to[0].endsWith('@race.example.com'));
    expect(got).toHaveLength(12);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(12);
  });

  it('reclaims a message whose worker died mid-send once its lease expires', async () => {
    await deps.mailer.enqueue(db, { template: testMessage, params: { name: 'Crash' }, to: 'crash@example.com', locale: 'en' });
    const row = await rowFor('crash@example.com');
    await db.update(outbox).set({ status: 'sending', lockedUntil: new Date(clock.now().getTime() + 60_000) }).where(eq(outbox.id, row.id));
    await deps.mailer.deliverDue(db);
    expect(smtp.received.some((m) => m.to.includes('crash@example.com'))).toBe(false);
    clock.advance(61_000);
    await deps.mailer.deliverDue(db);
    expect(smtp.received.filter((m) => m.to.includes('crash@example.com'))).toHaveLength(1);
  });
});

describe('retry policy', () => {
  it('backs off exponentially up to one hour and gives up after the last attempt', () => {
    expect(backoffMs(1)).toBe(30_000);
    expect(backoffMs(2)).toBe(60_000);
    expect(backoffMs(20)).toBe(3_600_000);
    expect(shouldGiveUp(MAX_ATTEMPTS - 1)).toBe(false);
    expect(shouldGiveUp(MAX_ATTEMPTS)).toBe(true);
  });
});
