/**
 * Checks recorded exchanges (client request + emulator response) against an
 * OpenAPI 3.0 document: path and method exist, query and path parameters
 * (array parameters as their repeated values), request body, response body for
 * the status, its range (`4XX`, or `4xx` as Hetzner writes it) or `default`.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { RecordedExchange } from '../../fakes/http-fake';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

export interface SpecValidatorOptions {
  /** A prefix the API puts before the spec's paths (Hetzner's spec omits `/v1`). */
  pathPrefix?: string;
  /** Edits the parsed spec before use: for documented differences between the spec and the live API. */
  adjust?: (spec: Json) => void;
}

export interface SpecValidator {
  check(exchange: RecordedExchange): string[];
  operations: Set<string>;
}

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export function loadSpecValidator(file: string, options: SpecValidatorOptions = {}): SpecValidator {
  const text = readFileSync(file, 'utf8');
  const spec = (file.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: -1 })) as Json;
  options.adjust?.(spec);
  const prefix = options.pathPrefix ?? '';
  const unprefixed = (path: string): string =>
    prefix && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  addFormats(ajv);
  for (const f of ['float', 'double', 'int32', 'int64']) ajv.addFormat(f, true);
  // Hetzner's prices: decimal numbers as strings ("0.0060000000").
  ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
  ajv.addSchema({ ...spec, $id: 'spec' });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let fn = compiled.get(pointer);
    if (!fn) {
      fn = ajv.compile({
        $ref: `spec#${pointer
          .split('/')
          .map((p) => encodeURIComponent(p).replace(/%7E/g, '~'))
          .join('/')}`,
      });
      compiled.set(pointer, fn);
    }
    return fn;
  };
  const at = (pointer: string): unknown =>
    pointer
      .split('/')
      .slice(1)
      .reduce<unknown>((o, k) => (o as Json | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  /** Follows a `$ref` to its pointer, returning [object, pointer]. */
  const deref = (obj: unknown, pointer: string): [Json, string] => {
    let o = obj as Json;
    let p = pointer;
    while (o && typeof o.$ref === 'string') {
      p = o.$ref.slice(1);
      o = at(p) as Json;
    }
    return [o, p];
  };
  const operations = new Set<string>();

  return {
    operations,
    check(ex: RecordedExchange): string[] {
      const problems: string[] = [];
      const [method, pattern] = ex.route.split(' ') as [string, string];
      const specPath = unprefixed(pattern).replace(/:([a-z_]+)/g, '{$1}');
      const opPointer = `/paths/${escape(specPath)}/${method.toLowerCase()}`;
      const op = at(opPointer) as Json | undefined;
      if (!op) return [`${ex.route}: no such operation in the spec`];
      operations.add(`${method} ${specPath}`);

      // Parameters (query and path).
      const params = ((op.parameters as unknown[]) ?? []).map((p, i) => deref(p, `${opPointer}/parameters/${i}`));
      const query = new URLSearchParams(ex.query);
      for (const name of new Set(query.keys())) {
        const values = query.getAll(name);
        const found = params.find(([p]) => p.in === 'query' && p.name === name);
        if (!found) {
          problems.push(`${ex.route}: query parameter "${name}" is not in the spec`);
          continue;
        }
        const schema = found[0].schema as Json | undefined;
        const isArray = schema?.type === 'array';
        const itemType = (isArray ? (schema?.items as Json | undefined)?.type : schema?.type) as string | undefined;
        const typed = values.map((value) =>
          itemType === 'integer' || itemType === 'number'
            ? Number(value)
            : itemType === 'boolean'
              ? value === 'true'
              : value,
        );
        if (!isArray && typed.length > 1) problems.push(`${ex.route}: query ${name} repeated but not an array`);
        const fn = validatorAt(`${found[1]}/schema`);
        if (!fn(isArray ? typed : typed[0]))
          problems.push(`${ex.route}: query ${name}=${values.join(',')}: ${ajv.errorsText(fn.errors)}`);
      }
      const specSegs = specPath.split('/');
      const actualSegs = unprefixed(ex.path).split('/');
      specSegs.forEach((seg, i) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) return;
        const found = params.find(([p]) => p.in === 'path' && p.name === m[1]);
        if (!found) return void problems.push(`${ex.route}: path parameter ${m[1]} undeclared`);
        const raw = decodeURIComponent(actualSegs[i] ?? '');
        const schema = found[0].schema as Json | undefined;
        const typed = schema?.type === 'integer' && /^\d+$/.test(raw) ? Number(raw) : raw;
        const fn = validatorAt(`${found[1]}/schema`);
        if (!fn(typed)) problems.push(`${ex.route}: path ${m[1]}=${raw}: ${ajv.errorsText(fn.errors)}`);
      });

      // Request body.
      if (ex.requestBody !== undefined) {
        const [rb, rbPointer] = deref(op.requestBody, `${opPointer}/requestBody`);
        if (!rb) problems.push(`${ex.route}: sent a body the spec does not take`);
        else {
          const fn = validatorAt(`${rbPointer}/content/application~1json/schema`);
          if (!fn(ex.requestBody)) problems.push(`${ex.route}: request body: ${ajv.errorsText(fn.errors)}`);
        }
      } else if ((op.requestBody as Json | undefined)?.required) {
        problems.push(`${ex.route}: required request body missing`);
      }

      // Response body.
      const responses = op.responses as Json;
      const range = Object.keys(responses).find((k) => k.toUpperCase() === `${String(ex.status)[0]}XX`);
      const key = String(ex.status) in responses ? String(ex.status) : (range ?? 'default');
      if (!(key in responses)) return [...problems, `${ex.route}: status ${ex.status} not in the spec`];
      const [resp, respPointer] = deref(responses[key], `${opPointer}/responses/${key}`);
      const content = resp.content as Json | undefined;
      if (content?.['application/json']) {
        if (ex.responseBody === undefined)
          problems.push(`${ex.route}: ${ex.status} without the body the spec describes`);
        else {
          const fn = validatorAt(`${respPointer}/content/application~1json/schema`);
          if (!fn(ex.responseBody))
            problems.push(`${ex.route} ${ex.status}: response body: ${ajv.errorsText(fn.errors)}`);
        }
      } else if (ex.responseBody !== undefined) {
        problems.push(`${ex.route}: ${ex.status} has a body the spec does not describe`);
      }
      for (const h of Object.keys((resp.headers as Json | undefined) ?? {})) {
        const v = ex.responseHeaders[h];
        if (v !== undefined && !/^\d+$/.test(v)) problems.push(`${ex.route}: header ${h}=${v} is not an integer`);
      }
      return problems;
    },
  };
}
