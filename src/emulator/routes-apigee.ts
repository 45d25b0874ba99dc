/**
 * Apigee v1 (apigee.googleapis.com) read methods, with the response wrappers of the discovery
 * document (`instances`, `attachments`, `environmentGroups`, `environmentGroupAttachments`,
 * `deployments`, `sessions`). Apigee answers an unknown organization with a 403, not a 404.
 */
import { type ApiError, apigeeNotFound, apigeePermissionDenied, rpcError } from './google-errors.js';
import { InvalidPageSizeError, InvalidPageTokenError, pageOf, pageSizeFrom } from './paging.js';
import type { Route, RouteContext } from './router.js';
import type { ApigeeOrgData } from './scenario.js';

const ORG = '/v1/organizations/{org}';
const REVISION = `${ORG}/environments/{env}/apis/{api}/revisions/{rev}`;

/** Apigee's list methods default to (and cap at) 1000 entries a page. */
const MAX_PAGE = 1000;

function orgData(ctx: RouteContext): ApigeeOrgData {
  const org = ctx.params.org ?? '';
  const data = ctx.scenario.apigee[org];
  if (!data) throw apigeePermissionDenied(`organizations/${org}`, 'apigee.organizations.get');
  return data;
}

function orgExists(permission: string) {
  return (ctx: RouteContext): void => {
    const org = ctx.params.org ?? '';
    if (!ctx.scenario.apigee[org]) throw apigeePermissionDenied(`organizations/${org}`, permission);
  };
}

/** A list page under `key`, omitted when empty (Google leaves empty lists out). */
function listPage<T>(ctx: RouteContext, key: string, items: readonly T[]): Record<string, unknown> {
  let page: ReturnType<typeof pageOf<T>>;
  try {
    const size = pageSizeFrom(ctx.query.get('pageSize'), MAX_PAGE, MAX_PAGE);
    page = pageOf(items, size, ctx.query.get('pageToken'));
  } catch (error) {
    throw pagingError(error);
  }
  const body: Record<string, unknown> = {};
  if (page.items.length > 0) body[key] = page.items;
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return body;
}

/** The 400 for a bad page token or size; anything else is rethrown. */
function pagingError(error: unknown): ApiError {
  if (error instanceof InvalidPageTokenError || error instanceof InvalidPageSizeError) {
    return rpcError(400, error.message);
  }
  throw error;
}

function requireEnvironment(ctx: RouteContext, data: ApigeeOrgData): string {
  const env = ctx.params.env ?? '';
  if (!(data.organization.environments ?? []).includes(env)) {
    throw apigeeNotFound(`organizations/${ctx.params.org}/environments/${env}`);
  }
  return env;
}

function debugSessionsOf(ctx: RouteContext) {
  const data = orgData(ctx);
  requireEnvironment(ctx, data);
  const key = `${ctx.params.env}/${ctx.params.api}/${ctx.params.rev}`;
  return data.debugSessions?.[key] ?? [];
}

function debugSession(ctx: RouteContext) {
  const session = debugSessionsOf(ctx).find((s) => s.name === ctx.params.session);
  if (!session) {
    const p = ctx.params;
    throw apigeeNotFound(
      `organizations/${p.org}/environments/${p.env}/apis/${p.api}/revisions/${p.rev}/debugsessions/${p.session}`,
    );
  }
  return session;
}

function apigeeRoute(template: string, permission: string, handler: (ctx: RouteContext) => unknown): Route {
  return {
    method: 'GET',
    template,
    api: 'apigee',
    permission,
    precheck: orgExists(permission),
    resource: (params) => `organizations/${params.org}`,
    handler,
  };
}

export const apigeeRoutes: Route[] = [
  apigeeRoute(ORG, 'apigee.organizations.get', (ctx) => orgData(ctx).organization),
  apigeeRoute(`${ORG}/instances`, 'apigee.instances.list', (ctx) =>
    listPage(ctx, 'instances', orgData(ctx).instances),
  ),
  apigeeRoute(`${ORG}/instances/{instance}`, 'apigee.instances.get', (ctx) => {
    const instance = orgData(ctx).instances.find((i) => i.name === ctx.params.instance);
    if (!instance) throw apigeeNotFound(`organizations/${ctx.params.org}/instances/${ctx.params.instance}`);
    return instance;
  }),
  apigeeRoute(`${ORG}/instances/{instance}/attachments`, 'apigee.instanceattachments.list', (ctx) => {
    const data = orgData(ctx);
    const name = ctx.params.instance ?? '';
    if (!data.instances.some((i) => i.name === name)) {
      throw apigeeNotFound(`organizations/${ctx.params.org}/instances/${name}`);
    }
    return listPage(ctx, 'attachments', data.instanceAttachments[name] ?? []);
  }),
  apigeeRoute(`${ORG}/envgroups`, 'apigee.envgroups.list', (ctx) =>
    listPage(ctx, 'environmentGroups', orgData(ctx).envgroups),
  ),
  apigeeRoute(`${ORG}/envgroups/{envgroup}`, 'apigee.envgroups.get', (ctx) => {
    const group = orgData(ctx).envgroups.find((g) => g.name === ctx.params.envgroup);
    if (!group) throw apigeeNotFound(`organizations/${ctx.params.org}/envgroups/${ctx.params.envgroup}`);
    return group;
  }),
  apigeeRoute(`${ORG}/envgroups/{envgroup}/attachments`, 'apigee.envgroupattachments.list', (ctx) => {
    const data = orgData(ctx);
    const name = ctx.params.envgroup ?? '';
    if (!data.envgroups.some((g) => g.name === name)) {
      throw apigeeNotFound(`organizations/${ctx.params.org}/envgroups/${name}`);
    }
    return listPage(ctx, 'environmentGroupAttachments', data.envgroupAttachments[name] ?? []);
  }),
  apigeeRoute(`${ORG}/environments/{env}`, 'apigee.environments.get', (ctx) => {
    const data = orgData(ctx);
    const env = requireEnvironment(ctx, data);
    return { name: env };
  }),
  apigeeRoute(`${ORG}/deployments`, 'apigee.deployments.list', (ctx) => {
    const deployments = orgData(ctx).deployments;
    return deployments.length > 0 ? { deployments } : {};
  }),
  apigeeRoute(`${ORG}/environments/{env}/deployments`, 'apigee.deployments.list', (ctx) => {
    const data = orgData(ctx);
    const env = requireEnvironment(ctx, data);
    const deployments = data.deployments.filter((d) => d.environment === env);
    return deployments.length > 0 ? { deployments } : {};
  }),
  apigeeRoute(`${REVISION}/debugsessions`, 'apigee.tracesessions.list', (ctx) =>
    listPage(
      ctx,
      'sessions',
      debugSessionsOf(ctx).map((s) => ({ id: s.name })),
    ),
  ),
  apigeeRoute(`${REVISION}/debugsessions/{session}`, 'apigee.tracesessions.get', (ctx) => ({
    name: debugSession(ctx).name,
  })),
  // Not in the discovery document, but documented by Apigee ("debug sessions" API page): the
  // transaction ids of a session, as a bare JSON array.
  apigeeRoute(`${REVISION}/debugsessions/{session}/data`, 'apigee.tracesessions.get', (ctx) =>
    Object.keys(debugSession(ctx).transactions),
  ),
  apigeeRoute(`${REVISION}/debugsessions/{session}/data/{transaction}`, 'apigee.tracesessions.get', (ctx) => {
    const session = debugSession(ctx);
    const id = ctx.params.transaction ?? '';
    if (!Object.hasOwn(session.transactions, id)) {
      const p = ctx.params;
      throw apigeeNotFound(
        `organizations/${p.org}/environments/${p.env}/apis/${p.api}/revisions/${p.rev}/debugsessions/${p.session}/data/${id}`,
      );
    }
    return session.transactions[id];
  }),
];
