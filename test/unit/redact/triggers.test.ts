/**
 * The rules' triggers only skip work: a text without a rule's trigger is one the rule would leave
 * as it is, so redacting with them gives exactly what running every rule on every text gives.
 */
import { describe, expect, it } from 'vitest';
import type { RedactionKind } from '../../../src/redact/kinds.js';
import { redactText, TEXT_RULES } from '../../../src/redact/text.js';
import { adversarialInputs } from '../../support/redaction-adversarial.js';

const SECRET = 'pl4nted-S3CRET-0123456789abcdef';

/** One text each rule changes, then the rule's near-misses and ordinary strings of a log line. */
const CHANGED_BY: Record<string, string> = {
  'pem-private-key': `-----BEGIN RSA PRIVATE KEY-----\nMIIE${SECRET}\n-----END RSA PRIVATE KEY-----`,
  'digest-credentials': `Digest username="bob", response="${SECRET}"`,
  'header-line': `< X-Auth-Token: ${SECRET}`,
  'cookie-or-authorization': `Mozilla/5.0 (X11; Cookie: sid=${SECRET}; theme=dark)`,
  'json-field': `{"client_secret": "${SECRET}"}`,
  'single-quoted-field': `{'password': '${SECRET}'}`,
  'escaped-json-field': `{"msg":"{\\"password\\":\\"${SECRET}\\"}"}`,
  'name-colon': `the token: ${SECRET} expired`,
  'name-equals-quoted': `DB_PASS="${SECRET}"`,
  'name-equals': `GET /x?key=${SECRET}&page=2`,
  'url-userinfo': `https://u:${SECRET}@h.example.com/p`,
  'cloud-armor-literal': `request.headers['x-api-key'] == '${SECRET}'`,
  'bearer-credentials': `(Bearer ${SECRET})`,
  'basic-credentials': '(Basic dXNlcjpwYXNzd29yZA==)',
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.${SECRET}`,
  'google-oauth-token': `ya29.a0Af${SECRET}`,
  'google-api-key': `AIza${'x'.repeat(35)}`,
  'aws-access-key': 'AKIAIOSFODNN7EXAMPLE',
  'slack-token': `xoxb-1234-5678-${SECRET}`,
  'vendor-token': `ghp_${'A'.repeat(36)}`,
};

const ORDINARY = [
  '',
  'U0BENCH001',
  'acme-prod',
  'diagnose-1764563198.123.abcdef',
  'the access policy does not allow it',
  '2026-12-01T04:27:28.123Z',
  'Working on `diagnose acme-prod`: the result will appear in this channel.',
];

/** Every rule on every text, as redactText ran before it had triggers. */
function everyRule(text: string, found: Set<RedactionKind>): string {
  let out = text;
  for (const rule of TEXT_RULES) out = rule.apply(out, found);
  return out;
}

/** A few kilobytes of each rule's hostile inputs: enough to hold every near-miss fragment. */
const CORPUS: string[] = corpus();

function corpus(): string[] {
  const hostile = TEXT_RULES.flatMap((rule) =>
    adversarialInputs(rule.id).map((input) => input.text.slice(0, 2_048)),
  );
  return [...Object.values(CHANGED_BY), ...ORDINARY, ...hostile];
}

describe('redaction triggers', () => {
  it('names a text for every rule, which the rule changes and its trigger finds', () => {
    expect(TEXT_RULES.map((rule) => rule.id).sort()).toEqual(Object.keys(CHANGED_BY).sort());
    for (const rule of TEXT_RULES) {
      const text = CHANGED_BY[rule.id]!;
      expect(rule.apply(text, new Set()), rule.id).not.toBe(text);
      expect(rule.trigger.test(text), rule.id).toBe(true);
    }
  });

  it('finds its trigger in every text a rule changes', () => {
    for (const rule of TEXT_RULES) {
      expect(rule.trigger.global || rule.trigger.sticky, `${rule.id}: a stateless trigger`).toBe(false);
      for (const text of CORPUS) {
        if (rule.apply(text, new Set()) !== text)
          expect(rule.trigger.test(text), `${rule.id} on ${text}`).toBe(true);
      }
    }
  });

  it('redacts exactly as running every rule on every text', () => {
    for (const text of CORPUS) {
      const found = new Set<RedactionKind>();
      const expected = new Set<RedactionKind>();
      expect(redactText(text, found)).toBe(everyRule(text, expected));
      expect([...found].sort()).toEqual([...expected].sort());
    }
  });
});
