/**
 * OpenAPI conformance of the e2e suite: every response a test receives from the app is checked
 * against the document the app serves (GET /api/docs-json).
 *
 * How it works: `watchResponses` puts a 'request' listener in front of the app's HTTP server, so
 * it sees every exchange, whichever way a test sends it (supertest on `t.http`, a new
 * `request(app.getHttpServer())`, or raw HTTP to a listening server). It copies the body of JSON
 * responses as they are written and, when the response finishes, checks:
 *   - 2xx: the route and method are an operation of the document, the status is one of its
 *     documented responses, the content type is documented for it, and a JSON body validates
 *     against the documented schema (ajv, formats on; `additionalProperties: false` where the
 *     document says so, `nullable` honoured);
 *   - errors sent as application/problem+json: the body validates against the Problem schema.
 * Every failed check is a mismatch. test/support/app.ts fails the test file when it has any (see
 * there), and writes a summary per file that the global teardown adds up.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import * as path from 'node:path';

/** Where each test file leaves its conformance summary (test/support/app.ts); the global teardown adds them up. */
export const CONFORMANCE_DIR = path.resolve(__dirname, '../../data/openapi-conformance');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: JsonObject }> }> }>>;
  components?: { schemas?: Record<string, JsonObject> };
}

export interface Exchange {
  method: string;
  /** The request path with its query string. */
  url: string;
  status: number;
  contentType: string | undefined;
  /** The raw body of a JSON response (undefined for other content types). */
  body: string | undefined;
  /** Bytes written (any content type). */
  size: number;
}

export interface Mismatch {
  request: string;
  operation: string | null;
  status: number;
  problem: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const DOC_ID = 'openapi.json';

/** OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a null alternative; refs point into the registered document. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'nullable' || k === 'example' || k === 'examples') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = `${DOC_ID}${v}`;
    else if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toJsonSchema(s)]));
    else out[k] = toJsonSchema(v);
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string' && !out.$ref && !out.allOf && !out.oneOf && !out.anyOf) {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

interface Operation {
  key: string;
  method: string;
  regex: RegExp;
  params: number;
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
}

/** Validates exchanges against one OpenAPI document. */
export class ConformanceChecker {
  readonly mismatches: Mismatch[] = [];
  /** Responses checked, per operation ('GET /api/v1/…'). */
  readonly checked = new Map<string, number>();
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDoc) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: DOC_ID, components: toJsonSchema(doc.components ?? {}) }, DOC_ID);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+?');
        this.operations.push({
          key: `${method.toUpperCase()} ${path}`,
          method,
          regex: new RegExp(`^${source}$`),
          params: (path.match(/\{/g) ?? []).length,
          responses: op.responses ?? {},
        });
      }
    }
    // Literal segments win over parameters (/consortia/{id}/agreement/draft before …/versions/{version}).
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** Every operation of the document, as 'METHOD /path'. */
  operationKeys(): string[] {
    return this.operations.map((o) => o.key);
  }

  /** Checks one exchange; returns the mismatches it added. */
  check(x: Exchange): Mismatch[] {
    const path = x.url.split('?')[0];
    if (!path.startsWith('/api/v1/') || x.method === 'HEAD' || x.method === 'OPTIONS') return [];
    const op = this.operations.find((o) => o.method === x.method.toLowerCase() && o.regex.test(path)) ?? null;
    const found: Mismatch[] = [];
    const fail = (problem: string) => found.push({ request: `${x.method} ${x.url}`, operation: op?.key ?? null, status: x.status, problem });
    const type = x.contentType?.split(';')[0].trim().toLowerCase();
    if (x.status >= 200 && x.status < 300) {
      if (!op) fail('no operation of the document matches this request');
      else this.checkSuccess(op, x, type, fail);
    } else if (type === 'application/problem+json') {
      this.validate('#/components/schemas/Problem', x.body, fail);
    }
    if (op) this.checked.set(op.key, (this.checked.get(op.key) ?? 0) + 1);
    this.mismatches.push(...found);
    return found;
  }

  private checkSuccess(op: Operation, x: Exchange, type: string | undefined, fail: (p: string) => void): void {
    const response = op.responses[String(x.status)];
    if (!response) return fail(`status ${x.status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`);
    const content = response.content ?? {};
    if (x.size === 0 && x.status === 204) return;
    if (!type) return fail('a body without a content type');
    const media = content[type];
    if (!media) return fail(`content type ${type} is not documented for ${x.status} (documented: ${Object.keys(content).join(', ') || 'none'})`);
    if (!/json/.test(type)) return;
    if (!media.schema) return fail(`no schema documented for ${x.status} ${type}`);
    this.validate(`#/paths/${op.key}/${x.status}/${type}`, x.body, fail, media.schema);
  }

  private validate(key: string, body: string | undefined, fail: (p: string) => void, schema?: JsonObject): void {
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile(schema ? (toJsonSchema(schema) as JsonObject) : { $ref: `${DOC_ID}${key}` });
      this.validators.set(key, validator);
    }
    let data: unknown;
    try {
      data = JSON.parse(body ?? '');
    } catch {
      return fail('the body is not JSON');
    }
    if (!validator(data)) {
      const errors = (validator.errors ?? [])
        .slice(0, 8)
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
      fail(`body does not match the documented schema: ${[...new Set(errors)].join('; ')}`);
    }
  }
}

/**
 * Calls `record` with every exchange the server handles (a 'request' listener placed before the
 * app's own, wrapping write/end to copy JSON bodies).
 */
export function watchResponses(server: Server, record: (x: Exchange) => void): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '';
    const chunks: Buffer[] = [];
    let size = 0;
    const copy = (chunk: unknown, encoding: unknown) => {
      let buf: Buffer;
      if (Buffer.isBuffer(chunk)) buf = chunk;
      else if (chunk instanceof Uint8Array) buf = Buffer.from(chunk);
      else if (typeof chunk === 'string') buf = Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      else return; // end() without a body, or a callback
      size += buf.length;
      if (/json/i.test(String(res.getHeader('content-type') ?? ''))) chunks.push(buf);
    };
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      copy(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      copy(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    res.once('finish', () => {
      const contentType = res.getHeader('content-type');
      record({
        method,
        url,
        status: res.statusCode,
        contentType: contentType === undefined ? undefined : String(contentType),
        body: /json/i.test(String(contentType ?? '')) ? Buffer.concat(chunks).toString('utf8') : undefined,
        size,
      });
    });
  });
}

/** The run's total from the summaries of its test files: printed by the global teardown. */
export function summariseConformance(): { files: number; responses: number; operations: Set<string>; mismatches: number; text: string } | null {
  if (!fs.existsSync(CONFORMANCE_DIR)) return null;
  const operations = new Set<string>();
  let files = 0;
  let responses = 0;
  let mismatches = 0;
  for (const name of fs.readdirSync(CONFORMANCE_DIR).filter((n) => n.endsWith('.json'))) {
    const s = JSON.parse(fs.readFileSync(path.join(CONFORMANCE_DIR, name), 'utf8')) as { responses: number; operations: Record<string, number>; mismatches: Mismatch[] };
    files++;
    responses += s.responses;
    mismatches += s.mismatches.length;
    for (const k of Object.keys(s.operations)) operations.add(k);
  }
  const text = `OpenAPI conformance: ${responses} responses from ${files} test files checked against the document, ${operations.size} operations exercised, ${mismatches} mismatches`;
  return { files, responses, operations, mismatches, text };
}
