// Sign-up of a master account in a real browser against the real server (MA-1..MA-4):
// every step of the form, the confirmation e-mail read from the development mailbox, the
// password checklist ticking as the person types, and a first login from a new device.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

/** expect.poll waits 1 s by default; a page in a real browser may need longer. */
function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 100 });
}

// The demo seed's seller account that no master account holds yet (src/seed/demo.ts).
const FREE_ACCOUNT = { username: 'softwareus', password: 'VEndedor!!2026' };
const PIN = '97531';
const ANSWERS = { first_pet: 'Toby', birth_city: 'Valencia' } as const;
const QUESTION_LABELS_EN = {
  first_pet: 'What was the name of your first pet?',
  birth_city: 'In which city were you born?',
} as const;

/**
 * The password typed one character at a time, with the rules that hold after each one.
 * Rule ids are those of src/modules/auth/password.rules.ts (data-rule on each item).
 */
const PASSWORD = 'abCD12!@';
const MET_AFTER: string[][] = [
  [], // a
  ['lower'], // ab
  ['lower'], // abC
  ['lower', 'upper'], // abCD
  ['lower', 'upper'], // abCD1
  ['lower', 'upper', 'digits'], // abCD12
  ['lower', 'upper', 'digits'], // abCD12!
  ['length', 'lower', 'upper', 'digits', 'special'], // abCD12!@
];

interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
}

async function mailTo(server: RunningServer, address: string): Promise<MailboxMessage> {
  let found: MailboxMessage | undefined;
  await eventually(async () => {
    const box = (await (await fetch(`${server.url}/api/v1/dev/mailbox`)).json()) as { messages: MailboxMessage[] };
    found = box.messages.find((m) => m.to.includes(address));
    return found !== undefined;
  }).toBe(true);
  return found!;
}

async function metRules(page: Page): Promise<string[]> {
  const rules = await page.locator('.checklist__item.is-met').evaluateAll((items) => items.map((li) => li.getAttribute('data-rule') ?? ''));
  return rules.sort();
}

async function me(page: Page): Promise<{ status: number; body: { user?: { email: string }; teams?: Array<{ role: string; accounts: Array<{ username: string }> }> } }> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/me', { headers: { accept: 'application/json' } });
    return { status: response.status, body: await response.json() };
  });
}

describeBrowser('sign-up of a master account (MA-1..MA-4)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const email = `nora.${Date.now()}@example.test`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function visitor(): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  const currentStep = (page: Page) => page.locator('.steps [aria-current="step"] .steps__label').textContent();

  it('MA-1..MA-4: signs up through every step, confirms by e-mail with the live checklist, lands logged in, then passes the second step on a new device', async () => {
    const page = await visitor();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Create a master account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create a master account' }).waitFor();
    expect(await currentStep(page)).toBe('Your details');

    // Step 1: e-mail and name (and the language of e-mails). A bad address stays on step 1.
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Vidal');
    await page.getByLabel('Your language').selectOption('en');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Enter an e-mail address such as ana@example.com.').waitFor();
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(() => currentStep(page)).toBe('Security questions');
    await page.getByRole('heading', { level: 2, name: 'Step 2 of 4: Security questions' }).waitFor();

    // Step 2: two different questions, each with an answer and a hint that does not give it away.
    const q1 = page.getByRole('group', { name: 'Question 1' });
    const q2 = page.getByRole('group', { name: 'Question 2' });
    await q1.getByLabel('Question').selectOption('first_pet');
    const secondChoices = await q2.getByLabel('Question').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(secondChoices).not.toContain('first_pet');
    expect(secondChoices).toContain('birth_city');
    await q1.getByLabel('Answer').fill(ANSWERS.first_pet);
    await q1.getByLabel('Hint').fill('Dog called toby');
    await q2.getByLabel('Question').selectOption('birth_city');
    await q2.getByLabel('Answer').fill(ANSWERS.birth_city);
    await q2.getByLabel('Hint').fill('Paella');
    await page.getByRole('button', { name: 'Next' }).click();
    await q1.getByText('The hint must not contain the answer.').waitFor();
    expect(await currentStep(page)).toBe('Security questions');
    await q1.getByLabel('Hint').fill('A dog');
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(() => currentStep(page)).toBe('PIN');

    // Step 3: the PIN, twice; digits only.
    const pin = page.getByLabel('PIN', { exact: true });
    expect(await pin.getAttribute('inputmode')).toBe('numeric');
    await pin.fill(PIN);
    await page.getByLabel('Repeat the PIN').fill('97532');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('The two PINs do not match.').waitFor();
    await page.getByLabel('Repeat the PIN').fill(PIN);

    // Back keeps what was typed.
    await page.getByRole('button', { name: 'Back' }).click();
    await eventually(() => currentStep(page)).toBe('Security questions');
    expect(await q2.getByLabel('Answer').inputValue()).toBe(ANSWERS.birth_city);
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(() => currentStep(page)).toBe('PIN');
    expect(await page.getByLabel('Repeat the PIN').inputValue()).toBe(PIN);
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(() => currentStep(page)).toBe('Seller account');

    // Step 4: opening a new account is offered first (e2e/seller-signup.spec.ts); this person
    // brings one. A wrong password is refused without saying which part was wrong, on this step.
    expect(await page.getByRole('radio', { name: /Open a new seller account/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /I already have a seller account/ }).check();
    await page.getByLabel('Seller account username').fill(FREE_ACCOUNT.username);
    await page.getByLabel('Seller account password').fill('wrong-password');
    await page.getByRole('button', { name: 'Create master account' }).click();
    await page.getByRole('alert').filter({ hasText: 'The seller account username or password is wrong' }).waitFor();
    expect(await currentStep(page)).toBe('Seller account');
    await page.getByLabel('Seller account password').fill(FREE_ACCOUNT.password);
    await page.getByRole('button', { name: 'Create master account' }).click();

    // MA-2: "check your e-mail", with the address masked.
    await page.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();
    await page.getByText('n***@example.test').waitFor();

    const message = await mailTo(server, email);
    expect(message.subject).toBe('Master Account confirmation');
    const link = /https?:\/\/\S+\/signup\/confirm\/[A-Za-z0-9_-]+/.exec(message.text)?.[0];
    expect(link, 'the e-mail carries the confirmation link').toBeDefined();
    expect(link!.startsWith(server.url)).toBe(true);

    // MA-3: the checklist ticks rule by rule as the password is typed; Save waits for all and the repetition.
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Create your password' }).waitFor();
    await page.getByText(email).waitFor();
    const save = page.getByRole('button', { name: 'Save password' });
    const newPassword = page.getByLabel('New password');
    expect(await metRules(page)).toEqual([]);
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('.checklist__list').getAttribute('aria-live')).toBe('polite');
    for (let i = 0; i < PASSWORD.length; i++) {
      await newPassword.press(PASSWORD[i]!);
      await eventually(() => metRules(page)).toEqual([...MET_AFTER[i]!].sort());
      expect(await save.isDisabled(), `Save after "${PASSWORD.slice(0, i + 1)}"`).toBe(true);
    }
    // A met rule shows its tick; a pending one does not.
    expect(await page.locator('.checklist__item[data-rule="special"] .checklist__mark').textContent()).toBe('✓');
    expect(await page.locator('.checklist__item[data-rule="match"]').getAttribute('class')).not.toContain('is-met');

    const repeat = page.getByLabel('Repeat the password');
    await repeat.pressSequentially(PASSWORD.slice(0, -1));
    expect(await save.isDisabled()).toBe(true);
    await repeat.press(PASSWORD.at(-1)!);
    await eventually(() => page.locator('.checklist__item[data-rule="match"]').getAttribute('class')).toContain('is-met');
    await eventually(() => save.isEnabled()).toBe(true);
    await save.click();

    // Logged in, as the new owner holding the seller account.
    await eventually(() => new URL(page.url()).pathname.startsWith('/signup')).toBe(false);
    const who = await me(page);
    expect(who.status).toBe(200);
    expect(who.body.user?.email).toBe(email);
    const owned = who.body.teams?.find((t) => t.role === 'owner');
    expect(owned?.accounts.map((a) => a.username)).toEqual([FREE_ACCOUNT.username]);

    // The link worked once.
    const again = await visitor();
    await again.goto(link!);
    await again.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
    await again.getByRole('link', { name: 'Log in' }).first().waitFor();

    // MA-4: the new owner logs in from another browser (a new device): the second step
    // asks one of the two questions chosen above, with its hint, and the PIN.
    const other = await visitor();
    await other.goto('/login');
    await other.getByLabel('E-mail').fill(email);
    await other.getByLabel('Password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Log in' }).click();
    await other.getByRole('heading', { level: 1, name: 'Confirm it is you' }).waitFor();
    const secondPin = other.getByLabel('PIN', { exact: true });
    expect(await secondPin.getAttribute('inputmode')).toBe('numeric');
    const asked = (await other.getByLabel(QUESTION_LABELS_EN.first_pet).count()) > 0 ? 'first_pet' : 'birth_city';
    await other.getByText(`Your hint: ${asked === 'first_pet' ? 'A dog' : 'Paella'}`).waitFor();
    await secondPin.fill(PIN);
    // Answers compare case- and space-insensitively (MA-1).
    await other.getByLabel(QUESTION_LABELS_EN[asked]).fill(` ${ANSWERS[asked].toUpperCase()} `);
    await other.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => new URL(other.url()).pathname === '/login').toBe(false);
    const second = await me(other);
    expect(second.status).toBe(200);
    expect(second.body.user?.email).toBe(email);
  });
});
