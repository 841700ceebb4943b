// How a response body becomes JSON: the route's zod schema decides which fields leave the server.
//
// fastify-type-provider-zod's serializer encodes every response through zod (validating each field:
// uuid and date-time regexes, enums) before JSON.stringify: for a page of 50 tickets that is
// 390 µs of a request's ~1.2 ms of CPU (tickets.bench's profile). So the schema is compiled once
// into a projection that keeps only the fields it declares, in its order, as zod's output does
// (unknown keys never reach a client), and JSON.stringify writes that.
//   - production: the projection alone. Like Fastify's own serializer (fast-json-stringify), it
//     shapes the body and does not validate it.
//   - development and tests: zod's encode as before (a body off the contract is a 500 naming the
//     route), and the projection's JSON must be byte-identical to zod's, so every response the
//     tests make proves the projection right for its schema.
// Anything the projection does not know (unions, records, pipes and codecs, defaults, lazy
// schemas, loose objects) is encoded by zod where it stands, so it stays exact.
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { $ZodType } from 'zod/v4/core';

type Project = (value: unknown) => unknown;

const pass: Project = (value) => value;
const projections = new WeakMap<$ZodType, Project>();

/** What the projection treats by shape; the rest goes through zod (`byZod`). */
const PASS_THROUGH = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null', 'any', 'unknown', 'date']);

function byZod(schema: $ZodType): Project {
  return (value) => z.encode(schema, value);
}

function compileObject(schema: $ZodType): Project {
  const def = schema._zod.def as unknown as { shape: Record<string, $ZodType>; catchall?: $ZodType };
  // A loose or catch-all object keeps keys the shape does not name: only zod knows which.
  if (def.catchall && def.catchall._zod.def.type !== 'never') return byZod(schema);
  const keys = Object.keys(def.shape);
  const fields = keys.map((key) => projectionOf(def.shape[key]!));
  return (value) => {
    if (typeof value !== 'object' || value === null) return value;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const projected = fields[i]!(source[key]);
      if (projected !== undefined) out[key] = projected;
    }
    return out;
  };
}

function compile(schema: $ZodType): Project {
  const def = schema._zod.def as unknown as { type: string; innerType?: $ZodType; element?: $ZodType };
  if (PASS_THROUGH.has(def.type)) return pass;
  switch (def.type) {
    case 'object':
      return compileObject(schema);
    case 'array': {
      const element = projectionOf(def.element!);
      return (value) => (Array.isArray(value) ? value.map((item) => element(item)) : value);
    }
    case 'nullable': {
      const inner = projectionOf(def.innerType!);
      return (value) => (value === null ? null : inner(value));
    }
    case 'optional': {
      const inner = projectionOf(def.innerType!);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    default:
      return byZod(schema);
  }
}

/** The projection of a schema, compiled once (schemas are shared between routes). */
export function projectionOf(schema: $ZodType): Project {
  let projection = projections.get(schema);
  if (!projection) {
    projection = compile(schema);
    projections.set(schema, projection);
  }
  return projection;
}

/** The route's response schema: a zod schema, or one under `properties` (fastify-type-provider-zod's resolveSchema). */
function zodSchemaOf(schema: unknown): $ZodType {
  if (schema instanceof $ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`response schema is not a zod schema: ${JSON.stringify(schema)}`);
}

export type ResponseCheck = 'projected' | 'checked';

/** Fastify's serializer compiler for zod response schemas (see the top of this file). */
export function responseSerializerCompiler(check: ResponseCheck) {
  return ({ schema, method, url }: { schema: unknown; method: string; url: string }) => {
    const zodSchema = zodSchemaOf(schema);
    const project = projectionOf(zodSchema);
    if (check === 'projected') return (data: unknown) => JSON.stringify(project(data));
    return (data: unknown) => {
      const encoded = z.safeEncode(zodSchema, data);
      if (encoded.error) throw new ResponseSerializationError(method, url, { cause: encoded.error });
      const json = JSON.stringify(encoded.data);
      const projected = JSON.stringify(project(data));
      if (projected !== json) {
        throw new Error(`response of ${method} ${url}: the projection's JSON differs from zod's\n  zod:        ${json.slice(0, 400)}\n  projection: ${projected.slice(0, 400)}`);
      }
      return json;
    };
  };
}
