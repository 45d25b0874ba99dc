/**
 * Apigee v1 reads. `googleapis` ships no Apigee client, so this is a small typed client over an
 * authorized google-auth-library HTTP client, on the REST paths of the discovery document
 * (`/v1/organizations/…`), following `nextPageToken` itself.
 */
import type { ApigeeApi } from './apis.js';
import type { CallRunner } from './call.js';
import type {
  ApigeeDeployment,
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  ApigeeInstance,
  ApigeeInstanceAttachment,
  ApigeeOrganization,
} from './types.js';

/** What the adapter needs of a google-auth-library client (`GoogleAuth`, `PassThroughClient`). */
export interface AuthorizedHttp {
  request<T>(options: {
    url: string;
    method: 'GET';
    timeout: number;
    signal: AbortSignal;
    retry: false;
    responseType: 'json';
  }): Promise<{ data: T }>;
}

/** Creates the Apigee adapter; `baseUrl` is e.g. `https://apigee.googleapis.com`. */
export function createApigeeApi(http: AuthorizedHttp, baseUrl: string, runner: CallRunner): ApigeeApi {
  const root = baseUrl.replace(/\/+$/, '');

  const fetchJson = <T>(
    path: string,
    query: Record<string, string>,
    timeout: number,
    signal: AbortSignal,
  ) => {
    const search = new URLSearchParams(query).toString();
    const url = `${root}/v1/${path}${search ? `?${search}` : ''}`;
    return http
      .request<T>({ url, method: 'GET', timeout, signal, retry: false, responseType: 'json' })
      .then((response) => response.data);
  };

  /** One GET, as one recorded call. */
  const get = <T>(method: string, path: string) =>
    runner.run({ api: 'apigee', method: `apigee.${method}`, resource: path }, (timeout, signal) =>
      fetchJson<T>(path, {}, timeout, signal),
    );

  /** A list followed page by page: one recorded call, each page retried on its own. */
  const list = <T>(method: string, path: string, field: string): Promise<T[]> =>
    runner.runMany({ api: 'apigee', method: `apigee.${method}`, resource: path }, async (request) => {
      const items: T[] = [];
      let pageToken: string | undefined;
      do {
        const query: Record<string, string> = pageToken ? { pageToken } : {};
        const page = await request((timeout, signal) =>
          fetchJson<Record<string, unknown>>(path, query, timeout, signal),
        );
        const found = page?.[field];
        if (Array.isArray(found)) items.push(...(found as T[]));
        const next = page?.nextPageToken;
        pageToken = typeof next === 'string' && next !== '' ? next : undefined;
      } while (pageToken);
      return items;
    });

  const org = (name: string) => `organizations/${encodeURIComponent(name)}`;
  const revision = (o: string, env: string, api: string, rev: string) =>
    `${org(o)}/environments/${encodeURIComponent(env)}/apis/${encodeURIComponent(api)}/revisions/${encodeURIComponent(rev)}`;

  return {
    getOrganization: (name) => get<ApigeeOrganization>('organizations.get', org(name)),
    listInstances: (name) =>
      list<ApigeeInstance>('organizations.instances.list', `${org(name)}/instances`, 'instances'),
    listInstanceAttachments: (name, instance) =>
      list<ApigeeInstanceAttachment>(
        'organizations.instances.attachments.list',
        `${org(name)}/instances/${encodeURIComponent(instance)}/attachments`,
        'attachments',
      ),
    listEnvgroups: (name) =>
      list<ApigeeEnvironmentGroup>(
        'organizations.envgroups.list',
        `${org(name)}/envgroups`,
        'environmentGroups',
      ),
    listEnvgroupAttachments: (name, envgroup) =>
      list<ApigeeEnvironmentGroupAttachment>(
        'organizations.envgroups.attachments.list',
        `${org(name)}/envgroups/${encodeURIComponent(envgroup)}/attachments`,
        'environmentGroupAttachments',
      ),
    listDeployments: (name, env) =>
      env
        ? list<ApigeeDeployment>(
            'organizations.environments.deployments.list',
            `${org(name)}/environments/${encodeURIComponent(env)}/deployments`,
            'deployments',
          )
        : list<ApigeeDeployment>('organizations.deployments.list', `${org(name)}/deployments`, 'deployments'),
    listDebugSessions: (name, env, api, rev) =>
      list<{ name?: string }>(
        'organizations.environments.apis.revisions.debugsessions.list',
        `${revision(name, env, api, rev)}/debugsessions`,
        'sessions',
      ),
    listDebugSessionTransactions: async (name, env, api, rev, session) => {
      const ids = await get<unknown>(
        'organizations.environments.apis.revisions.debugsessions.data.list',
        `${revision(name, env, api, rev)}/debugsessions/${encodeURIComponent(session)}/data`,
      );
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    },
    getDebugSessionData: (name, env, api, rev, session, transactionId) =>
      get<unknown>(
        'organizations.environments.apis.revisions.debugsessions.data.get',
        `${revision(name, env, api, rev)}/debugsessions/${encodeURIComponent(session)}/data/${encodeURIComponent(transactionId)}`,
      ),
  };
}
