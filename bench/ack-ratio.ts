/**
 * The acknowledgement benchmark: 100 `/apigee diagnose` commands at once, signed as Slack signs
 * them, to the bot's app as deployed (`node dist/main.js --role app`, HTTP mode, real Redis, no
 * worker), and the same to a bare Bolt app that only acknowledges (bare-bolt-app.ts), in rounds
 * taken in turn. Slack gives up on a command not acknowledged within 3 s. Prints p50, p99 and max
 * of each and their ratio (target: p99 ≤ 1.3 × the bare app's), and what a user is told while
 * Redis is down.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postSigned, slashCommandBody } from '../test/e2e/slack/support/signed.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import {
  claimRedisDatabase,
  figure,
  info,
  ms,
  percentile,
  REDIS_BASE,
  type Service,
  startService,
} from './support.js';

const COMMANDS = 100;
const ROUNDS = Number(process.env.BENCH_ACK_ROUNDS ?? 10);
const RATIO_TARGET = 1.3;
const SLACK_ACK_MS = 3_000;
const SECRET = 'bench-signing-secret';
const ORG = 'acme-prod';
const CHANNEL = 'C0BENCH';

interface App {
  service: Service;
  url: string;
}

async function startApp(args: string[], env: NodeJS.ProcessEnv): Promise<App> {
  const service = startService(args, env);
  const line = await service.line((l) => l.includes('"slack app listening"'));
  const { port } = JSON.parse(line) as { port: number };
  return { service, url: `http://127.0.0.1:${port}/slack/events` };
}

/** Sends command `i` of `round`; its time to the acknowledgement, and the answer. */
async function command(app: App, responseOrigin: string, round: number, i: number) {
  // A user, a window and a trigger of its own each: no two commands are the same request.
  const body = slashCommandBody({
    text: `diagnose ${ORG} --since ${round * COMMANDS + i + 1}m`,
    user: `U0BENCH${String(i).padStart(3, '0')}`,
    channel: CHANNEL,
    responseUrl: `${responseOrigin}/response/${round}-${i}`,
  });
  const sent = performance.now();
  const answer = await postSigned(app.url, SECRET, body);
  return { ms: performance.now() - sent, ok: answer.status === 200, text: answer.text };
}

/** Sends `COMMANDS` signed commands at once. */
function burst(app: App, responseOrigin: string, round: number) {
  return Promise.all(Array.from({ length: COMMANDS }, (_, i) => command(app, responseOrigin, round, i)));
}

/** A port nothing listens on: Redis "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function benchAckRatio(): Promise<string[]> {
  const redis = await claimRedisDatabase();
  if (!redis)
    return [`Acknowledgements: skipped (no Redis at ${REDIS_BASE}, or no database free from 1 to 15).`];
  const fake = await startFakeSlack();
  const origin = fake.url.replace(/\/api\/?$/, '');
  const dir = await mkdtemp(join(tmpdir(), 'apigee-doctor-bench-'));
  const policyPath = join(dir, 'policy.yaml');
  await writeFile(policyPath, `orgs:\n  ${ORG}:\n    channels: [${CHANNEL}]\n`);
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    REDIS_URL: redis.url,
    APIGEE_DOCTOR_POLICY: policyPath,
    PORT: '0',
    LOG_LEVEL: 'info',
    // Every command takes the whole path (admission and enqueue): the limits would refuse most.
    MAX_JOBS_PER_USER: '1000',
    MAX_JOBS_PER_ORG: '10000',
  };
  const apps: App[] = [];
  try {
    const ours = await startApp(['dist/main.js', '--role', 'app'], env);
    apps.push(ours);
    const bare = await startApp(['--import', 'tsx', 'bench/bare-bolt-app.ts'], env);
    apps.push(bare);
    const down = await startApp(['dist/main.js', '--role', 'app'], {
      ...env,
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    apps.push(down);

    // A round each to warm up, then the rounds measured, in turn.
    await burst(ours, origin, 0);
    await burst(bare, origin, 0);
    const times = { ours: [] as number[], bare: [] as number[] };
    let refused = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, app] of [
        ['ours', ours],
        ['bare', bare],
      ] as const) {
        const answers = await burst(app, origin, round);
        times[name].push(...answers.map((a) => a.ms));
        refused += answers.filter((a) => !a.ok || (name === 'ours' && !a.text.includes('Working on'))).length;
      }
    }
    const downAnswer = await command(down, origin, ROUNDS + 1, 0);

    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
    };
    const a = stats(times.ours);
    const b = stats(times.bare);
    const ratio = a.p99 / b.p99;
    const slowest = Math.max(a.max, b.max);
    const honest =
      downAnswer.ok &&
      downAnswer.ms < SLACK_ACK_MS &&
      /not answering|nothing was started/i.test(downAnswer.text);
    return [
      `Acknowledgements: ${COMMANDS} signed /apigee diagnose at once, ${ROUNDS} rounds each, in turn (HTTP mode, real Redis, no worker)`,
      info('apigee-doctor (dist/main.js --role app)', `p50 ${ms(a.p50)}, p99 ${ms(a.p99)}, max ${ms(a.max)}`),
      info('a bare Bolt app acking the command', `p50 ${ms(b.p50)}, p99 ${ms(b.p99)}, max ${ms(b.max)}`),
      info('p50 ratio', `${(a.p50 / b.p50).toFixed(2)}×`),
      figure('p99 ratio', `${ratio.toFixed(2)}×`, `≤ ${RATIO_TARGET}×`, ratio <= RATIO_TARGET),
      figure('slowest acknowledgement', ms(slowest), `< ${SLACK_ACK_MS} ms`, slowest < SLACK_ACK_MS),
      figure('commands not started (should be 0)', String(refused), '0', refused === 0),
      figure(
        'Redis down: answered, and says so',
        downAnswer
          ? `${ms(downAnswer.ms)}, ${honest ? 'says nothing started' : `"${downAnswer.text.slice(0, 80)}"`}`
          : 'no answer',
        `< ${SLACK_ACK_MS} ms, honest`,
        honest,
      ),
    ];
  } finally {
    await Promise.all(apps.map((app) => app.service.stop()));
    await fake.close();
    await rm(dir, { recursive: true, force: true });
    await redis.release();
  }
}
