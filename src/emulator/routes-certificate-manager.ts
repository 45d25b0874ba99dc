/**
 * Certificate Manager v1 reads under `/v1/projects/{project}/locations/{location}`: get a
 * certificate map, list its entries (paged), get a certificate. The data lives beside the
 * project's Compute data in the scenario; errors carry Certificate Manager's `google.rpc.Status`.
 */
import { certificateManagerNotFound, certificateManagerPermissionDenied, rpcError } from './google-errors.js';
import { InvalidPageSizeError, InvalidPageTokenError, pageOf, pageSizeFrom } from './paging.js';
import type { Route, RouteContext } from './router.js';
import type { ComputeProjectData } from './scenario.js';

const LOCATION = '/v1/projects/{project}/locations/{location}';
/** Certificate Manager's largest page size (and the one it uses when none is asked for). */
const MAX_PAGE_SIZE = 1000;

function locationOf(params: Record<string, string>): string {
  return `projects/${params.project}/locations/${params.location}`;
}

/** The project's data; a project the scenario does not hold is denied, as Google does. */
function projectData(ctx: RouteContext, permission: string): ComputeProjectData {
  const data = ctx.scenario.compute[ctx.params.project ?? ''];
  if (!data) throw certificateManagerPermissionDenied(locationOf(ctx.params), permission);
  return data;
}

function mapName(params: Record<string, string>): string {
  return `${locationOf(params)}/certificateMaps/${params.map}`;
}

function getCertificateMap(ctx: RouteContext): unknown {
  const name = mapName(ctx.params);
  const map = projectData(ctx, 'certificatemanager.certmaps.get').certificateMaps?.find(
    (m) => m.name === name,
  );
  if (!map) throw certificateManagerNotFound(name);
  return map;
}

function listCertificateMapEntries(ctx: RouteContext): unknown {
  const data = projectData(ctx, 'certificatemanager.certmapentries.list');
  const parent = mapName(ctx.params);
  if (!data.certificateMaps?.some((m) => m.name === parent)) throw certificateManagerNotFound(parent);
  const entries = (data.certificateMapEntries ?? []).filter((e) =>
    e.name?.startsWith(`${parent}/certificateMapEntries/`),
  );
  try {
    const size = pageSizeFrom(ctx.query.get('pageSize'), MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const page = pageOf(entries, size, ctx.query.get('pageToken'));
    return {
      certificateMapEntries: page.items,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  } catch (error) {
    if (error instanceof InvalidPageTokenError || error instanceof InvalidPageSizeError)
      throw rpcError(400, error.message);
    throw error;
  }
}

function getCertificate(ctx: RouteContext): unknown {
  const name = `${locationOf(ctx.params)}/certificates/${ctx.params.certificate}`;
  const certificate = projectData(ctx, 'certificatemanager.certs.get').certificateManagerCertificates?.find(
    (c) => c.name === name,
  );
  if (!certificate) throw certificateManagerNotFound(name);
  return certificate;
}

export const certificateManagerRoutes: Route[] = [
  {
    method: 'GET',
    template: `${LOCATION}/certificateMaps/{map}`,
    api: 'certificatemanager',
    permission: 'certificatemanager.certmaps.get',
    resource: mapName,
    handler: getCertificateMap,
  },
  {
    method: 'GET',
    template: `${LOCATION}/certificateMaps/{map}/certificateMapEntries`,
    api: 'certificatemanager',
    permission: 'certificatemanager.certmapentries.list',
    resource: mapName,
    handler: listCertificateMapEntries,
  },
  {
    method: 'GET',
    template: `${LOCATION}/certificates/{certificate}`,
    api: 'certificatemanager',
    permission: 'certificatemanager.certs.get',
    resource: (params) => `${locationOf(params)}/certificates/${params.certificate}`,
    handler: getCertificate,
  },
];
