/**
 * Checks recorded exchanges (client request + emulator response) against a
 * Google API discovery document (the Compute v1 subset in test/fixtures/gcp/):
 * the method exists for the route, path parameters match their patterns, query
 * parameters are declared (by the method or globally) and typed, the request
 * body matches the method's request schema, and a 2xx body matches its
 * response schema, strictly: a property the schema does not name is reported,
 * so the emulator cannot invent fields. Error bodies are checked against
 * Google's error envelope, which the discovery document does not describe.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RecordedExchange } from '../../fakes/http-fake';

type Json = Record<string, unknown>;

interface DiscoveryParameter {
  type: string;
  location: 'path' | 'query';
  pattern?: string;
  minimum?: string;
  maximum?: string;
  format?: string;
  enum?: string[];
}

interface DiscoveryMethod {
  id: string;
  path: string;
  httpMethod: string;
  parameters?: Record<string, DiscoveryParameter>;
  request?: { $ref: string };
  response?: { $ref: string };
}

export interface DiscoveryValidator {
  check(exchange: RecordedExchange): string[];
  /** Method ids seen by check(), e.g. `compute.disks.createSnapshot`. */
  methods: Set<string>;
}

/** Discovery schema -> JSON Schema: `$ref: "Name"` -> `#/$defs/Name`, patterns anchored, objects with properties closed. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = `#/$defs/${v}`;
    // Discovery patterns describe the whole value; JSON Schema's are unanchored.
    else if (k === 'pattern' && typeof v === 'string') out.pattern = `^(?:${v})$`;
    else if (['id', 'description', 'enumDescriptions', 'annotations', 'deprecated'].includes(k)) continue;
    else if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(s)]));
    } else out[k] = toJsonSchema(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const envelope = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'integer' },
        message: { type: 'string' },
        status: { type: 'string' },
        errors: {
          type: 'array',
          items: { type: 'object', required: ['reason', 'message'], properties: { reason: { type: 'string' } } },
        },
      },
    },
  },
};

export function loadDiscoveryValidator(file: string): DiscoveryValidator {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    servicePath: string;
    parameters: Record<string, DiscoveryParameter>;
    resources: Record<string, { methods: Record<string, DiscoveryMethod> }>;
    schemas: Record<string, unknown>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int64', { type: 'string', validate: (s: string) => /^-?\d+$/.test(s) });
  ajv.addFormat('uint64', { type: 'string', validate: (s: string) => /^\d+$/.test(s) });
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => /^[A-Za-z0-9+/_-]*={0,2}$/.test(s) });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** 32 });
  for (const f of ['double', 'float', 'google-datetime', 'google-duration', 'date-time']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'compute', $defs: toJsonSchema(doc.schemas) as Json });
  const compiled = new Map<string, ValidateFunction>();
  const schema = (name: string): ValidateFunction => {
    let fn = compiled.get(name);
    if (!fn) compiled.set(name, (fn = ajv.compile({ $ref: `compute#/$defs/${name}` })));
    return fn;
  };
  const errorEnvelope = ajv.compile(envelope);

  // Route pattern as the emulator names it (`/compute/v1/projects/:project/...`) -> method.
  const byRoute = new Map<string, DiscoveryMethod>();
  for (const resource of Object.values(doc.resources)) {
    for (const method of Object.values(resource.methods)) {
      const pattern = `/${doc.servicePath}${method.path}`.replace(/\{(\w+)\}/g, ':$1');
      byRoute.set(`${method.httpMethod} ${pattern}`, method);
    }
  }
  const methods = new Set<string>();

  const checkParam = (route: string, name: string, value: string, p: DiscoveryParameter): string[] => {
    if (p.pattern && !new RegExp(`^(?:${p.pattern})$`).test(value)) {
      return [`${route}: ${p.location} ${name}=${value} does not match ${p.pattern}`];
    }
    if (p.type === 'integer') {
      const n = Number(value);
      if (!Number.isInteger(n)) return [`${route}: ${name}=${value} is not an integer`];
      if (p.minimum !== undefined && n < Number(p.minimum)) return [`${route}: ${name}=${value} below ${p.minimum}`];
      if (p.maximum !== undefined && n > Number(p.maximum)) return [`${route}: ${name}=${value} above ${p.maximum}`];
    }
    if (p.type === 'boolean' && !['true', 'false'].includes(value)) return [`${route}: ${name}=${value} not boolean`];
    if (p.enum && !p.enum.includes(value)) return [`${route}: ${name}=${value} not one of ${p.enum.join(', ')}`];
    return [];
  };

  return {
    methods,
    check(ex: RecordedExchange): string[] {
      if (ex.route === 'POST /token') return []; // OAuth, not Compute: checked by the token tests
      const method = byRoute.get(ex.route);
      if (!method) return [`${ex.route}: no such method in the discovery document`];
      methods.add(method.id);
      const problems: string[] = [];
      const params = method.parameters ?? {};
      const patternSegs = ex.route.split(' ')[1]!.split('/');
      const actualSegs = ex.path.split('/');
      patternSegs.forEach((seg, i) => {
        if (!seg.startsWith(':')) return;
        const p = params[seg.slice(1)];
        if (!p || p.location !== 'path') problems.push(`${ex.route}: path parameter ${seg} not declared`);
        else problems.push(...checkParam(ex.route, seg.slice(1), decodeURIComponent(actualSegs[i] ?? ''), p));
      });
      for (const [name, value] of new URLSearchParams(ex.query)) {
        const p = params[name] ?? doc.parameters[name];
        if (!p || p.location !== 'query') problems.push(`${ex.route}: query parameter "${name}" is not declared`);
        else problems.push(...checkParam(ex.route, name, value, p));
      }
      if (ex.requestBody !== undefined) {
        if (!method.request) problems.push(`${ex.route}: sent a body the method does not take`);
        else {
          const fn = schema(method.request.$ref);
          if (!fn(ex.requestBody)) problems.push(`${ex.route}: request body: ${ajv.errorsText(fn.errors)}`);
          // Fields the document marks as required for this very method (`annotations.required`).
          const props = (doc.schemas[method.request.$ref] as { properties?: Record<string, Json> }).properties ?? {};
          for (const [name, prop] of Object.entries(props)) {
            const required = (prop.annotations as { required?: string[] } | undefined)?.required ?? [];
            if (required.includes(method.id) && (ex.requestBody as Json | null)?.[name] === undefined) {
              problems.push(`${ex.route}: request body lacks "${name}", required by ${method.id}`);
            }
          }
        }
      } else if (method.request) problems.push(`${ex.route}: the method's request body is missing`);
      if (ex.status >= 200 && ex.status < 300) {
        if (method.response) {
          const fn = schema(method.response.$ref);
          if (!fn(ex.responseBody)) {
            problems.push(`${ex.route} ${ex.status}: response body: ${ajv.errorsText(fn.errors)}`);
          }
        }
      } else if (!errorEnvelope(ex.responseBody)) {
        problems.push(`${ex.route} ${ex.status}: error body: ${ajv.errorsText(errorEnvelope.errors)}`);
      }
      return problems;
    },
  };
}
