import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { runDemo } from '../../apps/cli/src/demo.command';
import { chromiumAvailable, CHROMIUM, cspViolations, launchChromium, newPage } from './support/browser';
import { buildConsole, type ConsoleStack, startConsoleStack } from './support/console-stack';

// The web console in a real browser (issue 18): Debian's Chromium driven by playwright-core, the API
// and a real OIDC provider in this process. Run by `npm run test:console` (part of `npm test`).

const REQUIRED = process.env.REQUIRE_CHROMIUM === '1';
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS;
const skip = chromiumAvailable() ? false : `${CHROMIUM} not found: apt-get install -y chromium (.ci/run does)`;
if (skip && REQUIRED) throw new Error(`REQUIRE_CHROMIUM=1 but ${skip}`);

const CASE_2017 = 'e8eb3c3c-022e-8e29-885b-3ea1de7a654c';
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const french = (iso: string) => iso.split('-').reverse().join('/');
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the web console in Chromium', { skip }, () => {
  let consoleDir: string;
  let stack: ConsoleStack;
  let browser: Browser;
  const reference = `CONV-${Date.now()}`;
  let mandateUrl = '';
  const today = parisToday();
  const suspendedFrom = plusDays(today, 1);
  const axeResults: string[] = [];

  before(async () => {
    consoleDir = buildConsole();
    // Both ways in on the sign-in page: the provider, and links as on the embedded default.
    stack = await startConsoleStack({ consoleDir, env: { SIGN_IN_LINKS: 'on' } });
    const quiet = console.log;
    console.log = () => undefined;
    try {
      assert.equal(await runDemo([], { DATA_DIR: stack.config.eventStore.dataDir }), 0);
    } finally {
      console.log = quiet;
    }
    browser = await launchChromium();
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(consoleDir, { recursive: true, force: true });
    if (axeResults.length > 0) console.log(`axe-core (serious and critical violations per page):\n  ${axeResults.join('\n  ')}`);
  });

  /** Signs in through the provider's own login page, as a person would. */
  const signIn = async (login: string, { width = 1280 } = {}): Promise<Page> => {
    const page = await newPage(browser, { width });
    await page.goto(`${stack.url}/`);
    await page.getByRole('link', { name: 'Se connecter avec son compte professionnel' }).click();
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password: the test provider takes any');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${stack.url}/#/mandats`);
    await page.getByRole('heading', { level: 1, name: 'Tableau des mandats' }).waitFor();
    return page;
  };

  /** With CONSOLE_SCREENSHOTS=docs/console, the page as it stands: the whole page, or the screen around `at`. */
  const shot = async (page: Page, name: string, at?: string) => {
    if (!SCREENSHOTS) return;
    if (at) await page.locator(at).first().evaluate((element: { scrollIntoView(options: object): void }) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: at === undefined });
  };

  /** No serious or critical axe-core violation on the page as it stands. */
  const assertAccessible = async (page: Page, what: string) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    axeResults.push(`${what}: ${grave.length} (${violations.length} of any impact${violations.length ? `: ${violations.map((v) => `${v.id}/${v.impact}`).join(', ')}` : ''})`);
    assert.deepEqual(
      grave.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `axe-core on ${what}`,
    );
  };

  it('an officer signs in through the OIDC provider, grants a mandate, sees it on the board, suspends it and sees the status change', async () => {
    const page = await signIn('camille.martin');
    assert.equal(await page.getByRole('link', { name: 'Connecté : Camille Martin, Agent instructeur' }).first().innerText(), 'Camille Martin · Agent instructeur (62)');
    await page.getByRole('link', { name: 'Attribuer un mandat' }).click();
    await page.getByLabel('Opérateur mandaté').selectOption({ label: 'La Vie Active' });
    await page.getByLabel("Nom de l'autorité").fill('Préfet du Pas-de-Calais');
    await page.getByLabel("SIRET de l'autorité").fill('99062000700015');
    await page.getByLabel("Référence de l'acte").fill(reference);
    await page.locator('#grant-missions-0-type').selectOption('WATER_ACCESS');
    await page.locator('#grant-missions-0-indicators-0-name').fill('water_points');
    await page.locator('#grant-missions-0-indicators-0-unit').fill('points');
    await page.locator('#grant-missions-0-indicators-0-target').fill('12');
    await page.getByLabel('Communes (codes INSEE').fill('62193');
    await page.getByLabel('Fin', { exact: false }).first().fill(french(plusDays(today, 180)));
    await page.getByLabel('Montant').fill('18000');
    await page.getByLabel('Salariés engagés (ETP)').fill('3');
    await page.getByRole('button', { name: 'Attribuer le mandat' }).click();
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    mandateUrl = page.url();
    assert.equal(await page.locator('.ml-status-line').innerText(), `Au ${french(today)} : EN VIGUEUR`);

    await page.getByRole('link', { name: 'Tableau des mandats' }).first().click();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    assert.match(await row.innerText(), /En vigueur/i);

    await row.getByRole('link', { name: reference }).click();
    await page.getByLabel('Décision à enregistrer').selectOption({ label: 'Suspendre le mandat' });
    await page.getByLabel('Suspendu à compter du').fill(french(suspendedFrom));
    await page.getByLabel('Motif').fill('Site inaccessible après une intempérie');
    await page.getByLabel('Référence de la décision').fill('AP-2026-0001');
    await page.getByRole('button', { name: 'Enregistrer la suspension' }).click();
    await page.getByText('Suspendre le mandat : décision enregistrée').waitFor();

    await page.getByLabel('Situation au').fill(french(suspendedFrom));
    await page.locator('.ml-status-line', { hasText: 'SUSPENDU' }).waitFor();
    await page.getByRole('link', { name: 'Tableau des mandats' }).first().click();
    await page.getByLabel('Situation au').fill(french(suspendedFrom));
    await page.getByRole('row', { name: new RegExp(`${reference}.*Suspendu`, 'i') }).waitFor();
    assert.deepEqual(await cspViolations(page), []);
  });

  it('tells the second of two officers amending the same mandate that it changed meanwhile, and lets them reload', async () => {
    const [first, second] = await Promise.all([signIn('camille.martin'), signIn('alex.durand')]);
    for (const page of [first, second]) {
      await page.goto(mandateUrl);
      await page.getByLabel('Décision à enregistrer').selectOption({ label: 'Modifier par avenant' });
      await page.getByLabel('Référence de la décision').fill(`AV-${page === first ? 1 : 2}`);
      await page.getByLabel('Salariés engagés (ETP)').fill(page === first ? '4' : '5');
    }
    await first.getByRole('button', { name: "Enregistrer l'avenant" }).click();
    await first.getByText('Modifier par avenant : décision enregistrée').waitFor();
    await second.getByRole('button', { name: "Enregistrer l'avenant" }).click();
    await second.getByText('Le mandat a changé entre-temps').waitFor();
    assert.match(await second.getByRole('alert').first().innerText(), /modifié par quelqu'un d'autre/);
    await shot(second, 'mandat-modifie-entre-temps', '#decisions');
    await second.getByRole('button', { name: 'Recharger le mandat' }).click();
    await second.getByRole('button', { name: "Enregistrer l'avenant" }).click();
    await second.getByText('Modifier par avenant : décision enregistrée').waitFor();
  });

  it('lets an auditor travel back to before the suspension was recorded', async () => {
    const page = await signIn('dominique.petit');
    await page.goto(`${mandateUrl.split('?')[0]}?date=${suspendedFrom}`);
    await page.locator('.ml-status-line', { hasText: 'SUSPENDU' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Enregistrer une décision' }).count(), 0, 'auditors record nothing');
    const slider = page.getByLabel('Décisions prises en compte');
    await slider.focus();
    await slider.press('Home');
    await page.locator('.ml-status-line', { hasText: 'EN VIGUEUR' }).waitFor();
    assert.match(await page.locator('.ml-status-line').innerText(), /tel que connu le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    await page.getByRole('button', { name: 'Comparer' }).click();
    await page.getByRole('caption').filter({ hasText: 'modifié' }).waitFor();
    await shot(page, 'mandat-auditeur-voyage-dans-le-temps', '#historique');
    await assertAccessible(page, 'mandate, auditor, as known at');
  });

  it('verifies a mandate in the browser, and names the event when one was tampered with', async () => {
    const page = await signIn('dominique.petit');
    await page.goto(mandateUrl);
    const verify = page.getByRole('button', { name: 'Vérifier dans le navigateur' });
    // Checkpoints are signed every half second: the latest decisions are sealed within a moment.
    for (let attempt = 0; attempt < 20; attempt++) {
      await verify.click();
      await page.locator('[data-verdict]').waitFor();
      if ((await page.locator('.ml-check').count()) > 0 && (await page.getByText('pas encore scellée').count()) === 0) break;
      await page.waitForTimeout(300);
    }
    assert.equal(await page.locator('[data-verdict]').getAttribute('data-verdict'), 'ok');
    assert.equal(await page.locator('.ml-check--failed').count(), 0);

    // The history as a compromised server or proxy would serve it: one figure changed in decision 1.
    await page.route('**/mandates/*/history*', async (route) => {
      const response = await route.fetch();
      const entries = (await response.json()) as { revision: number; data: Record<string, unknown> }[];
      const tampered = entries.map((e) => (e.revision === 1 ? { ...e, data: { ...e.data, decisionReference: 'AP-2026-0002' } } : e));
      await route.fulfill({ response, json: tampered });
    });
    await verify.click();
    await page.locator('[data-verdict=failed]').waitFor();
    const failed = await page.locator('.ml-check--failed').innerText();
    assert.match(failed, /Décision n° 1 \(Suspension/);
    assert.match(failed, /does not hash to its leaf hash/);
    assert.equal(await page.locator('.ml-check--ok', { hasText: 'Décision n° 0' }).count(), 1);
  });

  it("downloads a case's report as the court's clerk would file it", async () => {
    const page = await signIn('dominique.petit');
    await page.getByRole('link', { name: 'Décisions de justice' }).click();
    await page.getByRole('link', { name: /Tribunal administratif de Lille, n° 1705379/ }).click();
    await page.getByRole('heading', { name: 'Injonctions' }).waitFor();
    await page.locator('#rapport-au').fill('31/12/2017');
    await page.getByRole('button', { name: 'Prévisualiser le rapport' }).click();
    await page.getByRole('heading', { name: /art\. 2 — Maraude mineurs : Exécutée en retard/ }).waitFor();
    await assertAccessible(page, 'case with its report');
    const [draft] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Projet PDF' }).click()]);
    assert.match(draft.suggestedFilename(), /\.pdf$/);
    assert.equal(readFileSync((await draft.path())!).subarray(0, 5).toString(), '%PDF-');

    // Issued: recorded, and the very bytes served again.
    await page.getByLabel('Fait à').fill('Arras');
    await page.getByLabel('Nom du signataire').fill('Claire Martin');
    await page.getByLabel('Qualité du signataire').fill('Directrice de cabinet');
    await page.getByRole('button', { name: 'Émettre le rapport' }).click();
    const issued = page.getByText(/Rapport émis et enregistré \(SHA-256 ([0-9a-f]{16})…\)/);
    await issued.waitFor();
    const prefix = /SHA-256 ([0-9a-f]{16})/.exec((await issued.textContent()) ?? '')![1];
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le rapport émis (PDF)' }).click()]);
    const bytes = readFileSync((await download.path())!);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal(createHash('sha256').update(bytes).digest('hex').slice(0, 16), prefix);
    await assertAccessible(page, 'case with its issued report');
    assert.equal(page.url().includes(`/affaires/${CASE_2017}`), true);
  });

  it('shows a problem and a retry, never a blank page, when the API fails', async () => {
    const page = await signIn('camille.martin');
    let failures = 1;
    // The board's own query, not the status counts that follow it.
    const board = (url: URL) => url.pathname === '/mandates' && url.searchParams.get('pageSize') === '20';
    await page.route(board, (route) => (failures-- > 0 ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal Server Error' }) }) : route.continue()));
    await page.goto(`${stack.url}/#/mandats?statut=active`);
    await page.getByRole('alert').filter({ hasText: 'Le service a rencontré une erreur' }).waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByText(/mandats? au/).first().waitFor();
    await page.unroute(board);
    await page.route(board, (route) => route.abort('connectionrefused'));
    await page.getByLabel('Statut', { exact: true }).selectOption('suspended');
    await page.getByRole('alert').filter({ hasText: 'Le service ne répond pas' }).waitFor();
  });

  it('is used with the keyboard alone: skip link, filters, links', async () => {
    const page = await signIn('camille.martin');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate<string | null>('document.activeElement && document.activeElement.textContent'), 'Contenu');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate<string | null>('document.activeElement && document.activeElement.id'), 'contenu');
    await page.getByLabel('Statut', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/statut=active/);
    await page.getByText(/mandats? au/).first().waitFor();
    await page.getByLabel('Type de mission').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate<string | null>('document.activeElement && document.activeElement.id'), 'filtre-commune');
  });

  for (const width of [1280, 375]) {
    it(`has no serious or critical axe-core violation on any page, and fits ${width} px`, async () => {
      const officer = await signIn('camille.martin', { width });
      const auditor = await signIn('dominique.petit', { width });
      const pages: [Page, string, string][] = [
        [officer, '#/mandats', 'board'],
        [officer, '#/mandats/nouveau', 'grant form'],
        [officer, mandateUrl.split('#')[1] ? `#${mandateUrl.split('#')[1]}` : '#/mandats', 'mandate'],
        [officer, '#/operateurs', 'operators'],
        [auditor, '#/affaires', 'cases'],
        [auditor, `#/affaires/${CASE_2017}`, 'case'],
        [auditor, '#/nulle-part', 'not found'],
      ];
      for (const [page, route, what] of pages) {
        await page.goto(`${stack.url}/${route}`);
        await page.locator('h1').first().waitFor();
        await page.locator('.ml-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
        await assertAccessible(page, `${what} at ${width} px`);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.equal(overflow, 0, `${what} at ${width} px scrolls sideways by ${overflow} px`);
        assert.deepEqual(await cspViolations(page), [], `CSP violations on ${what}`);
      }
      await officer.getByRole('link', { name: 'Opérateurs' }).first().click().catch(() => undefined);
      await officer.goto(`${stack.url}/#/operateurs`);
      await officer.getByRole('link', { name: 'La Vie Active' }).click();
      await officer.getByRole('heading', { name: 'Portefeuille', exact: false }).waitFor();
      await assertAccessible(officer, `operator at ${width} px`);
      const signInPage = await newPage(browser, { width });
      await signInPage.goto(`${stack.url}/#/connexion`);
      await signInPage.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await assertAccessible(signInPage, `sign-in at ${width} px`);
    });
  }

  it('takes the screenshots of the main pages, on the demo data set', { skip: !SCREENSHOTS && 'CONSOLE_SCREENSHOTS is not set' }, async () => {
    const showers = '0ecccb28-df8c-836b-8871-6bb58cace251';
    const officer = await signIn('camille.martin');
    await officer.goto(`${stack.url}/#/mandats?date=2017-11-21`);
    await officer.locator('.ml-counts').waitFor();
    await shot(officer, 'tableau-des-mandats');
    await officer.goto(`${stack.url}/#/mandats/nouveau`);
    await officer.getByLabel('Opérateur mandaté').waitFor();
    await shot(officer, 'attribution');
    await officer.goto(`${stack.url}/#/operateurs`);
    await officer.getByRole('link', { name: 'La Vie Active' }).click();
    await officer.getByRole('heading', { name: /Portefeuille/ }).waitFor();
    await officer.getByLabel('Situation au').fill('21/11/2017');
    await officer.getByText(/Portefeuille au 21\/11\/2017/).waitFor();
    await shot(officer, 'operateur');

    const auditor = await signIn('dominique.petit');
    await auditor.goto(`${stack.url}/#/mandats/${showers}?date=2017-11-21`);
    await auditor.locator('.ml-status-line', { hasText: 'SUSPENDU' }).waitFor();
    await shot(auditor, 'mandat');
    await auditor.goto(`${stack.url}/#/mandats/${showers}?date=2017-11-21`);
    await auditor.getByRole('button', { name: 'Vérifier dans le navigateur' }).click();
    await auditor.locator('[data-verdict]').waitFor();
    await shot(auditor, 'mandat-verification', '#verification');
    await auditor.goto(`${stack.url}/#/affaires/${CASE_2017}`);
    await auditor.locator('#rapport-au').fill('31/12/2017');
    await auditor.getByRole('button', { name: 'Prévisualiser le rapport' }).click();
    await auditor.locator('.ml-obligation').first().waitFor();
    await shot(auditor, 'affaire-rapport');

    const phone = await signIn('camille.martin', { width: 375 });
    await phone.goto(`${stack.url}/#/mandats/${showers}?date=2017-11-21`);
    await phone.locator('.ml-status-line').waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS!, 'mandat-375px.png') });
    await phone.goto(`${stack.url}/#/mandats?date=2017-11-21`);
    await phone.locator('.ml-counts').waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS!, 'tableau-375px.png') });
    const signInPage = await newPage(browser);
    await signInPage.goto(`${stack.url}/#/connexion`);
    await signInPage.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await shot(signInPage, 'connexion');
  });

  it('signs out: the next request is refused and the sign-in page comes back', async () => {
    const page = await signIn('camille.martin');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    const answer = await page.evaluate(async () => (await fetch('/mandates')).status);
    assert.equal(answer, 401);
  });
});
