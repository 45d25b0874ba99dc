/**
 * The emulator's route table: each route names its HTTP method, its REST path template, the IAM
 * permission Google checks for it, and a handler that reads the scenario and returns the JSON body.
 */
import type { ApiFamily } from './google-errors.js';
import type { Scenario } from './scenario.js';

export interface RouteContext {
  scenario: Scenario;
  /** Path parameters, URL-decoded, by the names in the template. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (POST), or undefined. */
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  /** e.g. `/v1/organizations/{org}/instances`; `{name}` matches one path segment. */
  template: string;
  api: ApiFamily;
  /** The IAM permission the call needs, e.g. `apigee.instances.list`. */
  permission: string;
  /**
   * Checks the route's parent (organization, project) exists before permissions are checked, the
   * order Google follows. Throws an `ApiError`.
   */
  precheck?: (ctx: RouteContext) => void;
  /** The resource named in a permission denial, e.g. `organizations/o` or `projects/p`. */
  resource: (params: Record<string, string>) => string;
  handler: (ctx: RouteContext) => unknown;
}

export interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

/** Compiles templates into anchored regular expressions once. */
export function compileRoutes(routes: readonly Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.template
      .split(/(\{[a-zA-Z]+\})/)
      .map((part) => {
        const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
        if (name) {
          names.push(name);
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return { ...route, pattern: new RegExp(`^${source}$`), names };
  });
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

/** The route for a method and path, with its parameters, or undefined. */
export function matchRoute(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { route, params };
  }
  return undefined;
}
