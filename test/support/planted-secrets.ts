/**
 * Secrets planted in every place a secret can reach apigee-doctor from Google or from the failing
 * request: the load balancer logs (URL query, path, user agent, payload fields), the load balancer
 * configuration (a Cloud Armor expression, the headers a backend service or a rule adds), an
 * Apigee debug session (variables, headers, body), and the failing request's answer (header lines
 * of the transcript, body). Each secret is distinct, so a leak names the place it came from.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { certificateFor } from '../../src/emulator/certificates.js';
import type { Scenario } from '../../src/emulator/scenario.js';

export const PLANTED = {
  // The load balancer logs.
  logQueryKey: 'PLANTED-log-query-key-5c1e',
  logPathJwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.UExBTlRFRC1wYXRoLWp3dC01YzFl',
  logPathToken: 'PLANTED-log-path-token-5c1e',
  logAgentBearer: 'PLANTEDlogAgentBearer5c1e',
  logAgentCookie: 'PLANTED-log-agent-cookie-5c1e',
  logPayloadField: 'PLANTED-log-payload-field-5c1e',
  logPayloadOauth: 'ya29.PLANTEDlogPayloadOauth5c1e',
  logNestedToken: 'PLANTED-log-nested-token-5c1e',
  logAgentLogfmtToken: 'PLANTED-log-agent-logfmt-5c1e',
  logPayloadPythonPassword: 'PLANTED-log-payload-python-5c1e',
  // The load balancer configuration.
  armorLiteral: 'PLANTED-armor-literal-5c1e',
  armorHeaderValue: 'PLANTED-armor-header-value-5c1e',
  armorOriginVerify: 'PLANTED-armor-origin-verify-5c1e',
  customRequestHeader: 'PLANTED-custom-request-header-5c1e',
  customResponseHeader: 'PLANTED-custom-response-header-5c1e',
  // An Apigee debug session.
  debugCookie: 'PLANTED-debug-cookie-5c1e',
  debugDigest: 'PLANTED-debug-digest-5c1e',
  debugBodyPassword: 'PLANTED-debug-body-password-5c1e',
  debugAwsKey: 'AKIAPLANTEDDEBUG5C1E',
  debugSlackToken: 'xoxb-PLANTED-debug-5c1e-0123',
  debugRedisPassword: 'PLANTED-debug-redis-password-5c1e',
  debugKeyId: 'PLANTED-debug-private-key-id-5c1e',
  debugSlackClientToken: 'xoxc-PLANTED-debug-5c1e-4567',
  // The failing request and its answer.
  requestQueryKey: 'PLANTED-request-query-key-5c1e',
  responseAuthToken: 'PLANTED-response-auth-token-5c1e',
  responseDebugPassword: 'PLANTED-response-debug-password-5c1e',
  responseApiToken: 'PLANTED-response-api-token-5c1e',
  responseAmzToken: 'PLANTED-response-amz-token-5c1e',
  responseHubSignature: 'PLANTED-response-hub-signature-5c1e',
  responseCookie: 'PLANTED-response-cookie-5c1e',
  responseBodyToken: 'PLANTED-response-body-token-5c1e',
  responseBodyDbPass: 'PLANTED-response-body-db-pass-5c1e',
  responseBodyKey: 'PLANTEDresponseBodyPrivateKey5c1e',
} as const;

const SECRETS: readonly string[] = Object.values(PLANTED);

/** The planted secrets found in `text` (none, if redaction held). */
export function leaksIn(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}

/** The path of the failing request, with a key in its query. */
export const PLANTED_PATH = `/v1/orders?key=${PLANTED.requestQueryKey}&page=2`;

/** The Cloud Armor verdict of every planted log entry. */
const PLANTED_DENY = { name: 'planted-policy', priority: 10, configuredAction: 'DENY', outcome: 'DENY' };

/**
 * Plants the secrets of the logs, the configuration and a debug session into `scenario` (the
 * `broken` one, or any with a security policy, a backend service and an `orders-v1` proxy in
 * `prod`). The DENY entries are many, so that their path tops the evidence.
 */
export function plantSecrets(scenario: Scenario): void {
  const org = scenario.defaultOrg;
  const data = scenario.apigee[org]!;
  const project = data.organization.projectId ?? org;
  const compute = scenario.compute[project]!;
  const now = Date.now();
  // The labels of the scenario's own load balancer, so that the entries are among the logs read.
  const resource = structuredClone(
    scenario.logging.entries.find((entry) => entry.resource?.labels?.forwarding_rule_name)?.resource ?? {
      type: 'http_load_balancer',
      labels: { project_id: project },
    },
  );
  for (let i = 0; i < 30; i++) {
    scenario.logging.entries.push({
      timestamp: new Date(now - (5 + i) * 60_000).toISOString(),
      insertId: `planted-${i}`,
      logName: `projects/${project}/logs/requests`,
      resource,
      httpRequest: {
        requestMethod: 'GET',
        requestUrl: `https://api.example.com/v1/${PLANTED.logPathJwt}/x?apikey=${PLANTED.logQueryKey}`,
        status: 403,
        remoteIp: '198.51.100.200',
        userAgent: `probe/1.0 (Cookie: sid=${PLANTED.logAgentCookie}) Bearer ${PLANTED.logAgentBearer}`,
      },
      jsonPayload: {
        statusDetails: 'denied_by_security_policy',
        enforcedSecurityPolicy: PLANTED_DENY,
        requestHeaders: { authorization: `Basic ${PLANTED.logPayloadField}` },
        note: `retried with ${PLANTED.logPayloadOauth}`,
      },
    });
  }
  scenario.logging.entries.push({
    timestamp: new Date(now - 4 * 60_000).toISOString(),
    insertId: 'planted-nested',
    logName: `projects/${project}/logs/requests`,
    resource,
    httpRequest: {
      requestMethod: 'GET',
      requestUrl: `https://api.example.com/login?next=/cb?access_token=${PLANTED.logNestedToken}&lang=en`,
      status: 403,
      remoteIp: '198.51.100.202',
      userAgent: `worker/2 level=info msg="GET /x?token=${PLANTED.logAgentLogfmtToken}"`,
    },
    jsonPayload: {
      statusDetails: 'denied_by_security_policy',
      enforcedSecurityPolicy: PLANTED_DENY,
      note: `{'user': 'svc', 'password': '${PLANTED.logPayloadPythonPassword}'}`,
    },
  });
  scenario.logging.entries.push({
    timestamp: new Date(now - 3 * 60_000).toISOString(),
    insertId: 'planted-path-token',
    logName: `projects/${project}/logs/requests`,
    resource,
    httpRequest: {
      requestMethod: 'GET',
      requestUrl: `https://api.example.com/v1/reset;token=${PLANTED.logPathToken}`,
      status: 403,
      remoteIp: '198.51.100.201',
      userAgent: 'curl/8.5.0',
    },
    jsonPayload: {
      statusDetails: 'denied_by_security_policy',
      enforcedSecurityPolicy: PLANTED_DENY,
    },
  });

  const policy = compute.securityPolicies[0]!;
  policy.rules = [
    ...(policy.rules ?? []),
    {
      priority: 900,
      action: 'allow',
      description: 'partners with the shared key',
      match: { expr: { expression: `request.headers['x-api-key'] == '${PLANTED.armorLiteral}'` } },
      // Field of Google's SecurityPolicyRule not in our type: the client passes it through.
      ...{
        headerAction: {
          requestHeadersToAdds: [{ headerName: 'X-Partner', headerValue: PLANTED.armorHeaderValue }],
        },
      },
    },
    {
      priority: 950,
      action: 'allow',
      description: 'the CDN, which sends the shared header',
      match: {
        expr: { expression: `request.headers['x-origin-verify'] == '${PLANTED.armorOriginVerify}'` },
      },
    },
  ];
  Object.assign(compute.backendServices[0]!, {
    customRequestHeaders: [`X-Origin-Verify: ${PLANTED.customRequestHeader}`, 'X-Client-Geo:{client_region}'],
    customResponseHeaders: [`X-Edge-Key: ${PLANTED.customResponseHeader}`],
  });

  data.debugSessions = {
    'prod/orders-v1/3': [
      {
        name: 'planted-session',
        transactions: {
          'tx-1': {
            completed: true,
            point: [
              {
                id: 'StateChange',
                results: [
                  {
                    ActionResult: 'DebugInfo',
                    properties: {
                      property: [
                        { name: 'request.header.cookie', value: `JSESSIONID=${PLANTED.debugCookie}` },
                        {
                          name: 'request.header.authorization',
                          value: `Digest username="partner", realm="api", nonce="n1", response="${PLANTED.debugDigest}"`,
                        },
                      ],
                    },
                  },
                  {
                    ActionResult: 'RequestMessage',
                    headers: [{ name: 'X-Trace', value: `aws ${PLANTED.debugAwsKey}` }],
                    content: [
                      'DB_HOST=db.internal',
                      `DB_PASS=${PLANTED.debugBodyPassword}`,
                      `notify=${PLANTED.debugSlackToken}`,
                      `REDIS_URL=redis://:${PLANTED.debugRedisPassword}@redis.internal:6379/0`,
                      `{"type":"service_account","private_key_id":"${PLANTED.debugKeyId}","client_email":"ci@acme.iam.gserviceaccount.com"}`,
                      `ui=${PLANTED.debugSlackClientToken}`,
                    ].join('\n'),
                  },
                ],
              },
            ],
          },
        },
      },
    ],
  };
}

export interface LeakyLoadBalancer {
  port: number;
  close(): Promise<void>;
}

/**
 * A load balancer for the failing request that answers with secrets in its header lines (in names
 * no fixed list knows) and in its body.
 */
export async function startLeakyLoadBalancer(hostname = 'api.example.com'): Promise<LeakyLoadBalancer> {
  const certificate = await certificateFor([hostname]);
  const server: Server = createServer(
    { cert: certificate.certificatePem, key: certificate.privateKeyPem },
    (_request, response) => {
      response.writeHead(401, {
        'X-Auth-Token': PLANTED.responseAuthToken,
        'X-Debug-Password': PLANTED.responseDebugPassword,
        'X-Api-Token': PLANTED.responseApiToken,
        'x-amz-security-token': PLANTED.responseAmzToken,
        'X-Hub-Signature-256': `sha256=${PLANTED.responseHubSignature}`,
        'set-cookie': `sid=${PLANTED.responseCookie}; Path=/; HttpOnly`,
        'content-type': 'text/plain',
      });
      response.end(
        [
          'unauthorized',
          `token: ${PLANTED.responseBodyToken}`,
          `DB_PASS=${PLANTED.responseBodyDbPass}`,
          '-----BEGIN PRIVATE KEY-----',
          PLANTED.responseBodyKey,
          '-----END PRIVATE KEY-----',
        ].join('\n'),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
