// The back office in a real browser against the real server with the demo data: the
// owner's Accounts tab (link by e-mailed confirmation, open accounts in their own browser
// tabs, unlink), the Users tab (a member with one permission on one account, its API key
// shown once), what that member then sees, a Manage-Users member's bounds, the audit log
// and the owner's own API key.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  emailedLink,
  eventually,
  logIn,
  MANAGER,
  mainNav,
  OWNER,
  preferEnglish,
  tabLabels,
  teamIdOf,
  UNLINKED_ACCOUNT,
  UUID,
} from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

describeBrowser('back office: accounts and team', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

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

  async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await preferEnglish(context, server.url);
    return { context, page: await context.newPage() };
  }

  /** The owner, logged in through the login page the back office sends them to. */
  async function ownerAt(path = '/'): Promise<{ context: BrowserContext; page: Page; teamId: string }> {
    const { context, page } = await visitor();
    await page.goto(path);
    await page.waitForURL((url) => url.pathname === '/login');
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    return { context, page, teamId: teamIdOf(page) };
  }

  // The linked accounts' table (the pending link requests have a table of their own).
  const accountRows = (page: Page) => page.getByRole('table', { name: /^(Linked accounts|Cuentas vinculadas)/ }).getByRole('row').filter({ has: page.getByRole('rowheader') });

  it('MA-5, MA-6: the owner links an account by its e-mailed confirmation, opens accounts in their own tabs, unlinks', async () => {
    const { context, page, teamId } = await ownerAt('/');
    // `/` lands on the first tab of the owner's team (MA-8: all six).
    expect(new URL(page.url()).pathname).toBe(`/t/${teamId}/dashboard`);
    await eventually(() => tabLabels(page)).toEqual(['Dashboard', 'Accounts', 'Tickets', 'Transactions', 'Reports', 'Users']);
    await page.getByRole('banner').getByRole('link', { name: OWNER.name }).waitFor();

    await mainNav(page).getByRole('link', { name: 'Accounts' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/t/${teamId}/accounts`);
    await eventually(() => accountRows(page).count()).toBe(3);
    expect(await page.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining(['Cursos Brasil', 'Libros Madrid', 'Eventos MX']));

    // Link another account: its address gets a confirmation e-mail.
    await page.getByLabel('Account username').fill(UNLINKED_ACCOUNT.username);
    await page.getByLabel('Account password').fill(UNLINKED_ACCOUNT.password);
    await page.getByRole('button', { name: 'Link account' }).click();
    await page.getByRole('status').filter({ hasText: 'to confirm' }).waitFor();
    const link = await emailedLink(server.url, `${UNLINKED_ACCOUNT.username}@`, '/accounts/link/');
    expect(link.url.startsWith(server.url)).toBe(true);
    const confirmed = await fetch(`${server.url}/api/v1/account-links/${link.token}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    const { accountId: linkedId } = (await confirmed.json()) as { accountId: string };

    await page.getByRole('button', { name: 'Refresh' }).click();
    await eventually(() => accountRows(page).count()).toBe(4);
    const softwareRow = accountRows(page).filter({ hasText: UNLINKED_ACCOUNT.nickname });
    expect(await softwareRow.getByRole('cell').nth(1).textContent()).toBe('America/New_York');

    // MA-6: each account opens in a new browser tab, the account in the URL; two at once.
    const openLink = (nickname: string) => accountRows(page).filter({ hasText: nickname }).getByRole('link', { name: new RegExp(`^Open ${nickname}`) });
    expect(await openLink('Libros Madrid').getAttribute('target')).toBe('_blank');
    const [libros] = await Promise.all([context.waitForEvent('page'), openLink('Libros Madrid').click()]);
    const [software] = await Promise.all([context.waitForEvent('page'), openLink(UNLINKED_ACCOUNT.nickname).click()]);
    await software.waitForURL(new RegExp(`/t/${teamId}/a/${linkedId}$`));
    await libros.waitForURL(new RegExp(`/t/${teamId}/a/${UUID}$`));
    await libros.getByRole('heading', { level: 1, name: 'Libros Madrid' }).waitFor();
    await software.getByRole('heading', { level: 1, name: UNLINKED_ACCOUNT.nickname }).waitFor();
    expect(libros.url()).not.toBe(software.url());

    // The owner edits the account's data there (TEAM-8): time zone from the tz list.
    const settings = software.getByRole('region', { name: 'Settings' });
    await software.getByLabel('Time zone').fill('America/Chicago');
    await settings.getByRole('button', { name: 'Save' }).click();
    await software.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await software.getByLabel('Time zone').fill('Mars/Olympus');
    await settings.getByRole('button', { name: 'Save' }).click();
    await software.getByRole('alert').waitFor(); // the server's own message, localized
    expect(await software.getByLabel('Time zone').getAttribute('aria-invalid')).toBe('true');

    // The "link completed" e-mail points at /accounts/:id: it opens in the team holding it.
    await libros.goto(`/accounts/${linkedId}`);
    await libros.waitForURL(new RegExp(`/t/${teamId}/a/${linkedId}$`));

    // Unlink, after a confirmation.
    await page.bringToFront();
    await page.getByRole('button', { name: `Unlink ${UNLINKED_ACCOUNT.nickname}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Unlink' }).click();
    await eventually(() => accountRows(page).count()).toBe(3);
  });

  it('TEAM-1, TEAM-4, MA-8: a member given only Orders/Tickets on one account sees exactly Tickets and Transactions', async () => {
    const { page, teamId } = await ownerAt('/');
    await mainNav(page).getByRole('link', { name: 'Users' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/t/${teamId}/users`);
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('rowheader').filter({ hasText: OWNER.name }).waitFor();
    // Nobody edits the owner here (TEAM-8).
    expect(await members.getByRole('button', { name: new RegExp(`^Edit ${OWNER.name}`) }).count()).toBe(0);

    const email = `ana.${Date.now()}@example.test`;
    await page.getByRole('button', { name: 'Add member' }).click();
    const form = page.getByRole('dialog', { name: 'Add a member' });
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('First name').fill('Ana');
    await form.getByLabel('Last name').fill('Tickets');
    await form.getByLabel('Description').fill('Support for Cursos Brasil');
    await form.getByRole('radio', { name: 'Custom permissions' }).check();
    // Grouped like the catalog, with its labels.
    await form.getByRole('group', { name: 'Sales' }).waitFor();
    await form.getByRole('checkbox', { name: /^Orders\/Tickets/ }).check();
    await form.getByRole('radio', { name: 'Only these accounts' }).check();
    await form.getByRole('checkbox', { name: /^Cursos Brasil/ }).check();
    await form.getByRole('button', { name: 'Add member' }).click();

    // The API key, shown once.
    const keyDialog = page.getByRole('dialog', { name: 'API key of Ana Tickets' });
    await keyDialog.waitFor();
    const apiKey = await keyDialog.getByLabel('API key').inputValue();
    expect(apiKey).toMatch(/^mst_/);
    await keyDialog.getByText('shown only once').waitFor();
    await keyDialog.getByRole('button', { name: 'I have stored it' }).click();
    const row = members.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    expect(await row.locator('td[data-label="Profile"]').textContent()).toBe('Custom');
    expect(await row.locator('td[data-label="Accounts"]').textContent()).toBe('Cursos Brasil');
    expect(await row.getByRole('rowheader').textContent()).toContain('Support for Cursos Brasil');
    expect(await row.getByText(apiKey.slice(0, 8)).count()).toBe(1);

    // The person creates a password from the e-mailed link.
    const link = await emailedLink(server.url, email, '/password/set/');
    const set = await fetch(`${server.url}/api/v1/auth/password/set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link.token, password: 'MEmber!!2026' }),
    });
    expect(set.status, await set.clone().text()).toBe(200);

    // Logged in in a fresh browser: exactly the two tabs that Orders/Tickets gives.
    const member = await visitor();
    await member.page.goto(`/t/${teamId}/users`);
    await member.page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === `/t/${teamId}/users`);
    await logIn(member.page, { email, password: 'MEmber!!2026' });
    // A `next` to a tab the member does not have leads to the team's home instead (issue 7).
    await member.page.waitForURL(new RegExp(`/t/${teamId}/tickets$`));
    await eventually(() => tabLabels(member.page)).toEqual(['Tickets', 'Transactions']);
    for (const tab of ['users', 'accounts', 'dashboard', 'audit']) {
      await member.page.goto(`/t/${teamId}/${tab}`);
      await member.page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
    }
    await member.page.goto('/');
    await member.page.waitForURL(new RegExp(`/t/${teamId}/tickets$`));
    await eventually(() => tabLabels(member.page)).toEqual(['Tickets', 'Transactions']);
    // TEAM-9: the team, by its owner and the person's role there.
    expect(await member.page.getByRole('combobox', { name: 'Team' }).locator('option:checked').textContent()).toBe(`${OWNER.name} · member`);

    // the owner's audit log shows the creation.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(new RegExp(`/t/${teamId}/audit$`));
    // The newest entry is this creation, its details in words: the member's e-mail, the
    // account by its name, the permission by its label.
    const newest = page.getByRole('row').nth(1);
    await newest.getByRole('cell', { name: 'Member created' }).waitFor();
    const details = newest.locator('td[data-label="Details"]');
    await eventually(() => details.textContent()).toContain(email);
    await eventually(() => details.textContent()).toContain('AccountsCursos Brasil');
    expect(await details.textContent()).toContain('API onlyNo');
    expect(await details.textContent()).toMatch(/PermissionsOrders\/Tickets/);
  });

  it('TEAM-3, TEAM-8: a Manage-Users member edits only those it covers, never the owner nor itself', async () => {
    const { page } = await visitor();
    await page.goto('/login');
    await logIn(page, MANAGER);
    await page.waitForURL(new RegExp(`/t/${UUID}/tickets$`));
    const teamId = teamIdOf(page);
    await eventually(() => tabLabels(page)).toEqual(['Tickets', 'Transactions', 'Reports', 'Users']);
    await mainNav(page).getByRole('link', { name: 'Users' }).click();
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('rowheader').filter({ hasText: 'Integración ERP' }).waitFor();
    const editButtons = (await members.getByRole('button', { name: /^Edit / }).allTextContents()).map((s) => s.replace(/^Edit\s*/, '').trim());
    // The ERP integration holds nothing Marta lacks; Pablo holds "Send receipts", John
    // "Search sales by period": theirs are the owner's to change.
    // (Other tests of this file may add members Marta covers; the demo ones are fixed.)
    expect(editButtons).toContain('Integración ERP');
    for (const name of [OWNER.name, MANAGER.name, 'Pablo Ruiz', 'John Miller']) expect(editButtons).not.toContain(name);
    await members.getByRole('rowheader').filter({ hasText: 'Pablo Ruiz' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    // Renewing the ERP's key shows the new one once.
    await members.getByRole('button', { name: 'Renew key Integración ERP' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Renew key' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'New API key of Integración ERP' });
    const apiKey = await keyDialog.getByLabel('API key').inputValue();
    expect(apiKey).toMatch(/^mst_/);
    await keyDialog.getByRole('button', { name: 'I have stored it' }).click();
    const viaKey = await fetch(`${server.url}/api/v1/teams/${teamId}/accounts`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(viaKey.status).toBe(200);

    // Permissions Marta lacks cannot be ticked when adding someone.
    await page.getByRole('button', { name: 'Add member' }).click();
    const form = page.getByRole('dialog', { name: 'Add a member' });
    await form.getByRole('radio', { name: 'Custom permissions' }).check();
    expect(await form.getByRole('checkbox', { name: 'Send receipts' }).isDisabled()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Request refunds' }).isDisabled()).toBe(false);
    // Her API Read/Write includes API Read, which she may grant (issue 7).
    expect(await form.getByRole('checkbox', { name: 'API Read', exact: true }).isDisabled()).toBe(false);
  });

  it('TEAM-2, TEAM-5, TEAM-7: the owner edits and disables a member, manages profiles and invitations; refusals show the server message', async () => {
    const { page } = await ownerAt('/');
    await mainNav(page).getByRole('link', { name: 'Users' }).click();
    const members = page.getByRole('region', { name: 'Members' });
    const pablo = members.getByRole('row').filter({ hasText: 'pablo@demo.mostrador.test' });
    await pablo.waitFor();

    // From the Soporte profile to a custom set: the profile's permissions stay ticked.
    await members.getByRole('button', { name: 'Edit Pablo Ruiz' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Pablo Ruiz' });
    await edit.getByRole('radio', { name: 'Custom permissions' }).check();
    expect(await edit.getByRole('checkbox', { name: 'Send receipts' }).isChecked()).toBe(true);
    await edit.getByRole('checkbox', { name: 'Request refunds' }).check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes to Pablo Ruiz saved.' }).waitFor();
    expect(await pablo.locator('td[data-label="Profile"]').textContent()).toBe('Custom');

    // Disabled at once (TEAM-2), once confirmed (issue 7), then enabled again.
    const enabled = pablo.getByRole('switch', { name: 'User enabled: Pablo Ruiz' });
    await enabled.click();
    await page.getByRole('alertdialog', { name: 'Disable Pablo Ruiz?' }).getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('status').filter({ hasText: 'Pablo Ruiz is disabled' }).waitFor();
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'pablo@demo.mostrador.test', password: OWNER.password }),
    });
    expect(login.status).not.toBe(200);
    await enabled.check();
    await page.getByRole('status').filter({ hasText: 'Pablo Ruiz is enabled again.' }).waitFor();

    // Profiles (TEAM-5): a new one; one in use cannot be deleted, and the server says why.
    const profiles = page.getByRole('region', { name: 'Permission profiles' });
    await page.getByRole('button', { name: 'New profile' }).click();
    const create = page.getByRole('dialog', { name: 'New profile' });
    await create.getByLabel('Name').fill('Reembolsos');
    await create.getByRole('checkbox', { name: 'Request refunds' }).check();
    await create.getByRole('button', { name: 'Create profile' }).click();
    await profiles.getByRole('rowheader', { name: 'Reembolsos' }).waitFor();
    // One in use is not offered for deletion: the dialog says who holds it (issue 7).
    await profiles.getByRole('button', { name: 'Delete Analista' }).click();
    const inUse = page.getByRole('dialog', { name: 'Profile Analista is in use' });
    await inUse.getByText(/^Members holding it: \d+ · pending invitations: \d+\./).waitFor();
    expect(await inUse.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await inUse.getByRole('button', { name: 'Close' }).click();

    // Invitations (TEAM-7): invite with the new profile, revoke; resend a pending one.
    const invitations = page.getByRole('region', { name: 'Invitations' });
    const email = `elena.${Date.now()}@example.test`;
    await page.getByRole('button', { name: 'Invite' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite a collaborator' });
    await invite.getByLabel('Name').fill('Elena Prueba');
    await invite.getByLabel('E-mail').fill(email);
    await invite.getByLabel('Profile').selectOption({ label: 'Reembolsos' });
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const row = invitations.getByRole('row').filter({ hasText: email });
    await row.getByText('Pending').waitFor();
    await emailedLink(server.url, email, '/invitations/');
    await row.getByRole('button', { name: `Revoke ${email}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    await invitations.getByRole('button', { name: 'Resend sofia@demo.mostrador.test' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitation sent again to sofia@demo.mostrador.test' }).waitFor();

    // Nobody holds the new profile now: it can go.
    await profiles.getByRole('button', { name: 'Delete Reembolsos' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await eventually(() => profiles.getByRole('rowheader', { name: 'Reembolsos' }).count()).toBe(0);
  });

  it('issue 7: someone who already uses Mostrador is added awaiting acceptance, seen only as typed, and joins from the e-mailed link', async () => {
    const { page, teamId } = await ownerAt('/');
    await mainNav(page).getByRole('link', { name: 'Users' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/t/${teamId}/users`);
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('rowheader').filter({ hasText: OWNER.name }).waitFor();

    // Diego owns the demo's other team: he has a login of his own.
    const email = 'diego@demo.mostrador.test';
    await page.getByRole('button', { name: 'Add member' }).click();
    const form = page.getByRole('dialog', { name: 'Add a member' });
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('First name').fill('Typed');
    await form.getByLabel('Last name').fill('Byowner');
    await form.getByLabel('Description').fill('See https://example.test/offer');
    await form.getByRole('radio', { name: 'Custom permissions' }).check();
    await form.getByRole('checkbox', { name: /^Reports/ }).check();
    await form.getByRole('button', { name: 'Add member' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'API key of Typed Byowner' });
    await keyDialog.getByText(`We e-mailed ${email} a link to accept`).waitFor();
    await keyDialog.getByRole('button', { name: 'I have stored it' }).click();

    // The team sees what it typed and the state; never the person's own name.
    const row = members.getByRole('row').filter({ hasText: email });
    await row.getByText('Awaiting acceptance').waitFor();
    expect(await row.getByRole('rowheader').textContent()).toContain('Typed Byowner');
    expect(await row.getByRole('rowheader').textContent()).not.toContain('Herrera');
    expect(await row.getByRole('button', { name: /^Reset password/ }).count()).toBe(0);
    await row.getByRole('button', { name: 'Resend link Typed Byowner' }).click();
    await page.getByRole('status').filter({ hasText: `We e-mailed ${email} a new link to accept` }).waitFor();

    // The e-mail carries no description; its link opens the page to accept.
    const link = await emailedLink(server.url, email, '/join/');
    expect(link.message.text).not.toContain('example.test/offer');
    const diego = await visitor();
    await diego.page.goto(link.url);
    await diego.page.getByRole('heading', { level: 1, name: 'Join a team' }).waitFor();
    await diego.page.getByText(`${OWNER.name} wants to add you to their team`).waitFor();
    await diego.page.getByRole('button', { name: 'Accept and join' }).click();
    await diego.page.getByRole('heading', { level: 1, name: 'You joined the team' }).waitFor();
    await diego.page.reload();
    await diego.page.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();

    // Now a member like any other, under his own name; the owner removes him again.
    await page.reload();
    const joined = members.getByRole('row').filter({ hasText: email });
    await joined.getByRole('rowheader').filter({ hasText: 'Diego Herrera' }).waitFor();
    expect(await joined.getByText('Awaiting acceptance').count()).toBe(0);
    await joined.getByRole('button', { name: 'Delete Diego Herrera' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await eventually(() => members.getByRole('row').filter({ hasText: email }).count()).toBe(0);
  });

  it('TEAM-4: the owner renews their own API key on their page; it is shown once', async () => {
    const { page, teamId } = await ownerAt('/');
    await page.getByRole('banner').getByRole('link', { name: OWNER.name }).click();
    await page.waitForURL(new RegExp(`/t/${teamId}/me$`));
    await page.getByRole('heading', { level: 1, name: 'My membership and API key' }).waitFor();
    const before = await page.locator('.key-prefix').textContent();
    await page.getByRole('button', { name: 'Renew key' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Renew key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new API key' });
    const apiKey = await dialog.getByLabel('API key').inputValue();
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await eventually(() => page.locator('.key-prefix').textContent()).toBe(`${apiKey.slice(0, 8)}…`);
    expect(before).not.toBe(`${apiKey.slice(0, 8)}…`);
  });

  it('logging out ends the session and leads to the login page', async () => {
    const { page, teamId } = await ownerAt('/');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`/t/${teamId}/accounts`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === `/t/${teamId}/accounts`);
  });
});
