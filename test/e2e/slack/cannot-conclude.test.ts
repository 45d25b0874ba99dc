/**
 * A check that could not conclude, end to end: the emulated estate refuses the bot
 * `compute.backendServices.list`, so three checks cannot conclude. Each gets its reply in the
 * report's thread, naming the finding (linked to its page) and the exact role to grant to the
 * identity the bot runs as — the service account of its credentials file, read once when the
 * workers start.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import type { FakeSlackMessage } from '../../support/fake-slack.js';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import { buttonData, everythingPosted, finishedReport, MILLISECOND_STAMP } from './support/messages.js';

const BOT_ACCOUNT = 'apigee-doctor@acme-ops.iam.gserviceaccount.com';

/** The service-account key the workers' credentials name (GOOGLE_APPLICATION_CREDENTIALS). */
function writeServiceAccountKey(dir: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(dir, 'apigee-doctor.json');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      project_id: 'acme-ops',
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: BOT_ACCOUNT,
      client_id: '1',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return file;
}

describe('/apigee diagnose when the bot lacks a permission', () => {
  let bot: TestBot;
  let root: FakeSlackMessage;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apigee-doctor-e2e-'));
    bot = await startTestBot({
      scenario: 'permission-denied',
      env: { GOOGLE_APPLICATION_CREDENTIALS: writeServiceAccountKey(dir) },
    });
    await bot.command(`diagnose ${bot.org}`);
    root = await eventually(() => finishedReport(bot), 'the final report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the job to end');
  });
  afterAll(async () => {
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says in the report that some checks could not conclude, and that the thread says what they need', () => {
    const blocks = JSON.stringify(root.blocks);
    expect(blocks).toContain(':grey_question:');
    expect(blocks).toContain(
      'Each check that failed, warned or could not conclude is explained in this thread.',
    );
  });

  it('gives each check that could not conclude its reply, with the role to grant to the bot’s service account', () => {
    // The replies of the checks that could not conclude (the probe of this worker may judge tls on
    // its own: it does not trust the emulator's CA, which only the command line is given).
    const replies = bot.fake
      .thread(ALLOWED_CHANNEL, root.ts)
      .filter((m) => JSON.stringify(m.blocks).includes(':grey_question: *could not conclude*'));
    const byCheck = new Map(
      replies.map((reply) => [String(buttonData(reply, ACTION.details).checkId), reply]),
    );
    expect([...byCheck.keys()].sort()).toEqual(['attachments', 'cloud-armor', 'proxy-mig']);
    for (const [check, reply] of byCheck) {
      const text = JSON.stringify(reply.blocks);
      // No APIGEE_DOCTOR_DOCS_URL here: the page is named by its path, and nothing links nowhere.
      expect(text, check).toMatch(
        /`common\/permission-denied` — [^`]+\(`docs\/checks\/common\.md#permission-denied`\)/,
      );
      expect(text, check).not.toMatch(/<[^>|]*\.md#/);
      expect(text, check).toContain(
        `gcloud projects add-iam-policy-binding acme-prod --member=serviceAccount:${BOT_ACCOUNT} --role=roles/compute.viewer`,
      );
      expect(text, check).not.toContain('user:');
    }
  });

  it('writes no millisecond ISO stamp in anything it posted', () => {
    for (const text of everythingPosted(bot)) expect(text).not.toMatch(MILLISECOND_STAMP);
  });
});
