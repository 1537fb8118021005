import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { Secret, TOTP } from 'otpauth';
import { signInAsFirstAdmin, signOut, firstAdmin, type Account } from './helpers';

test.describe.configure({ mode: 'serial' });

// Accounts of their own, so the first admin other specs sign in as keeps a password-only login.
const tess: Account = { username: 'tess-totp', password: 'granite-meadow-58' };
const rhea: Account = { username: 'rhea-required', password: 'copper-lagoon-31' };
let tessRecoveryCodes: string[] = [];

function authenticator(secret: string): TOTP {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

async function enterPassword(page: Page, account: Account): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
}

/** Reads the QR code's pixels off the page and decodes them, as a phone camera would. */
async function decodeQr(page: Page): Promise<string | undefined> {
  const img = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(img).toBeVisible();
  const pixels = await img.evaluate((element: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = element.naturalWidth;
    canvas.height = element.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(element, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    return { data: Array.from(data), width: canvas.width, height: canvas.height };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}

test('enrol two-factor in Settings, then sign in with a code and with a recovery code', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await signInAsFirstAdmin(page, baseURL);
  const created = await page.request.post('/api/users', {
    data: { ...tess, role: 'member' },
    headers: { Origin: baseURL ?? '' },
  });
  expect(created.status()).toBe(201);
  await signOut(page, firstAdmin.username);

  // Password only, for now.
  await page.getByLabel('Username').fill(tess.username);
  await page.getByLabel('Password').fill(tess.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();

  await page.goto('/settings?tab=security');
  const card = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Two-factor sign-in' }) });
  await card.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const secret = (await page.getByTestId('two-factor-secret').textContent())?.trim() ?? '';
  const uri = (await page.getByTestId('two-factor-uri').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(uri).toContain(`secret=${secret}`);
  expect(await decodeQr(page)).toBe(uri);

  const totp = authenticator(secret);
  await page.getByLabel('Code from your app').fill(totp.generate({ timestamp: Date.now() + 60 * 60_000 }));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(card.getByRole('alert')).toContainText('not right');
  const enrolledAt = Date.now();
  await page.getByLabel('Code from your app').fill(totp.generate({ timestamp: enrolledAt }));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const codeItems = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codeItems).toHaveCount(10);
  const codes = await codeItems.allTextContents();
  tessRecoveryCodes = codes;
  await page.getByRole('button', { name: 'I saved my recovery codes' }).click();
  await expect(card).toContainText('10 of 10 recovery codes left');
  await expect(card.getByTestId('two-factor-secret')).toHaveCount(0);
  await signOut(page, tess.username);

  // With a code. The enrolment used its time step, so the app's next code (one step ahead) is the one.
  await enterPassword(page, tess);
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Authentication code').fill(totp.generate({ timestamp: enrolledAt + 30_000 }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await signOut(page, tess.username);

  // With a recovery code, typed in capitals: it works once.
  await enterPassword(page, tess);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill((codes[0] ?? '').toUpperCase());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await page.goto('/settings?tab=security');
  await expect(card).toContainText('9 of 10 recovery codes left');
  const history = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Login history' }) });
  await expect(history).toContainText('Signed in with a recovery code');
  await expect(history).toContainText('Wrong two-factor code');
  await signOut(page, tess.username);

  await enterPassword(page, tess);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(codes[0] ?? '');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('already used');
});

async function signInWithRecoveryCode(page: Page, account: Account, code: string): Promise<void> {
  await enterPassword(page, account);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
}

test('required for everyone: a user without it can only enrol; an admin resets it', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const origin = { Origin: baseURL ?? '' };
  await signInAsFirstAdmin(page, baseURL);
  const users = (await (await page.request.get('/api/users')).json()) as { id: string; username: string }[];
  const tessId = users.find((u) => u.username === tess.username)?.id ?? '';
  expect(
    (await page.request.patch(`/api/users/${tessId}`, { data: { role: 'admin' }, headers: origin })).status(),
  ).toBe(200);
  expect(
    (await page.request.post('/api/users', { data: { ...rhea, role: 'member' }, headers: origin })).status(),
  ).toBe(201);
  await signOut(page, firstAdmin.username);

  // Tess (an admin with two-factor on) requires it for everyone.
  await signInWithRecoveryCode(page, tess, tessRecoveryCodes[1] ?? '');
  await page.goto('/settings?tab=security');
  const policy = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Two-factor policy' }) });
  await policy.getByLabel('Two-factor sign-in').selectOption('everyone');
  await expect(page.getByText('Two-factor: required for everyone')).toBeVisible();
  await signOut(page, tess.username);

  // Rhea has no two-factor: after the password she sees only the enrolment page, and the server agrees.
  await page.getByLabel('Username').fill(rhea.username);
  await page.getByLabel('Password').fill(rhea.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in', level: 1 })).toBeVisible();
  const held = await page.request.get('/api/preferences');
  expect(held.status()).toBe(403);
  expect(await held.json()).toMatchObject({ error: 'two_factor_enrolment_required' });
  await page.goto('/infrastructure');
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const secret = (await page.getByTestId('two-factor-secret').textContent())?.trim() ?? '';
  await page.getByLabel('Code from your app').fill(authenticator(secret).generate());
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'I saved my recovery codes' }).click();
  await expect(page.getByRole('button', { name: `Account menu for ${rhea.username}` })).toBeVisible();
  expect((await page.request.get('/api/preferences')).status()).toBe(200);
  await signOut(page, rhea.username);

  // Tess resets Rhea's two-factor (lost device) and makes it optional again.
  await signInWithRecoveryCode(page, tess, tessRecoveryCodes[2] ?? '');
  await page.goto('/settings?tab=security');
  await expect(policy.getByRole('list', { name: 'Users with two-factor on' })).toContainText(rhea.username);
  await policy.getByRole('button', { name: `Reset two-factor for ${rhea.username}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(page.getByText(`Two-factor reset for ${rhea.username}`)).toBeVisible();
  await expect(policy.getByRole('list', { name: 'Users with two-factor on' })).not.toContainText(
    rhea.username,
  );
  await policy.getByLabel('Two-factor sign-in').selectOption('off');
  await expect(page.getByText('Two-factor: optional for everyone')).toBeVisible();
  await signOut(page, tess.username);

  // Password alone again for Rhea.
  await page.getByLabel('Username').fill(rhea.username);
  await page.getByLabel('Password').fill(rhea.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
});
