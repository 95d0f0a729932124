/**
 * A faster way through the read shape for files that pass it: a reader compiled once from the zod
 * schema itself (no second description of the format to keep in step), which either proves a value
 * valid and returns exactly what zod's parse returns, or gives up.
 *
 * Why: the app runs zod without eval (the Content-Security-Policy forbids it, see
 * src/safety/zod-csp.ts), and zod's eval-free parse of a large strategy's records (140,000 of them
 * in the largest benchmark) takes seconds. The compiled reader handles the schema kinds the read
 * shape is made of (objects, arrays, records, strings, numbers, booleans, enums, literals, and
 * their nullable, optional and default wrappers) and the checks on them (min and max length,
 * integer, bounds, regular expressions, ISO date-time); anything else (unions, tuples, other checks and formats) is handed to
 * zod for that part of the value only.
 *
 * What it returns equals what zod returns, member for member; the difference is that what needs no
 * change is not copied: an object whose members are all valid and present, with no member the
 * shape leaves out, is returned itself (keys in the file's order rather than the schema's), and
 * so are arrays and records whose items are. The input is never changed.
 *
 * Giving up costs nothing in correctness: the caller then runs zod's own parse, which reports the
 * problems exactly as before. The reader is meant for values made by JSON.parse (and the pure
 * migrations): plain objects, arrays, strings, finite numbers, booleans and null.
 */
import type { z } from 'zod';

/** What a reader returns when it cannot prove the value valid. */
export const GIVE_UP: unique symbol = Symbol('give up');
export type Reader = (value: unknown) => unknown;

interface ZodInternals {
  def: {
    type: string;
    checks?: readonly { _zod: { def: Record<string, unknown> } }[];
    coerce?: boolean;
    format?: string;
    pattern?: RegExp;
    innerType?: z.ZodType;
    element?: z.ZodType;
    keyType?: z.ZodType;
    valueType?: z.ZodType;
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    mode?: string;
    defaultValue?: unknown;
  };
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  values?: ReadonlySet<unknown>;
  traits: ReadonlySet<string>;
}

const internals = (schema: z.ZodType): ZodInternals => (schema as unknown as { _zod: ZodInternals })._zod;

export interface CompileOptions {
  /**
   * Schemas whose values are retried with zod when the compiled reader gives up on them (one
   * record of a hand-written file that leaves a field out goes through zod, the others do not).
   */
  retryWithZod?: ReadonlySet<z.ZodType>;
}

/** Compiles `schema` into a reader (see the module comment). */
export function compileReader(schema: z.ZodType, options: CompileOptions = {}): Reader {
  const cache = new Map<z.ZodType, Reader>();
  const compile = (s: z.ZodType): Reader => {
    let reader = cache.get(s);
    if (reader) return reader;
    // Placeholder for recursive schemas: resolved through the cache once compiled.
    cache.set(s, (v) => cache.get(s)!(v));
    reader = compileNode(s, compile);
    if (options.retryWithZod?.has(s)) reader = withRetry(reader, s);
    cache.set(s, reader);
    return reader;
  };
  return compile(schema);
}

/** zod's own parse of a value, as a reader. */
export function zodReader(schema: z.ZodType): Reader {
  return (v) => {
    const r = schema.safeParse(v);
    return r.success ? r.data : GIVE_UP;
  };
}

function withRetry(reader: Reader, schema: z.ZodType): Reader {
  const zod = zodReader(schema);
  return (v) => {
    const out = reader(v);
    return out === GIVE_UP ? zod(v) : out;
  };
}

function compileNode(schema: z.ZodType, compile: (s: z.ZodType) => Reader): Reader {
  const zod = internals(schema);
  const def = zod.def;
  const checks = def.checks ?? [];
  if (def.coerce) return zodReader(schema);
  // Checks are read for strings, numbers and array lengths; on anything else (a refinement) zod decides.
  if (checks.length > 0 && def.type !== 'string' && def.type !== 'number' && def.type !== 'array') return zodReader(schema);
  switch (def.type) {
    case 'string':
      return stringReader(schema, zod, checks);
    case 'number':
      return numberReader(schema, zod, checks);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : GIVE_UP);
    case 'enum':
    case 'literal': {
      const values = zod.values;
      if (!values) return zodReader(schema);
      return (v) => (values.has(v) ? v : GIVE_UP);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (v) => (v === null ? null : inner(v));
    }
    case 'optional': {
      // An optional around a default substitutes for absence: left to zod.
      if (internals(def.innerType!).optin === 'defaulted') return zodReader(schema);
      const inner = compile(def.innerType!);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'default': {
      const inner = compile(def.innerType!);
      return (v) => {
        if (v === undefined) return def.defaultValue; // a getter: a fresh default each time
        const out = inner(v);
        return out === undefined ? def.defaultValue : out;
      };
    }
    case 'array': {
      let minItems = 0;
      let maxItems = Infinity;
      for (const ch of checks) {
        const c = ch._zod.def;
        if (c['check'] === 'min_length' && typeof c['minimum'] === 'number') minItems = Math.max(minItems, c['minimum']);
        else if (c['check'] === 'max_length' && typeof c['maximum'] === 'number') maxItems = Math.min(maxItems, c['maximum']);
        else return zodReader(schema);
      }
      const element = compile(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return GIVE_UP;
        if (v.length < minItems || v.length > maxItems) return GIVE_UP;
        let out: unknown[] | null = null;
        for (let i = 0; i < v.length; i++) {
          const raw: unknown = v[i];
          const item = element(raw);
          if (item === GIVE_UP) return GIVE_UP;
          if (out) out[i] = item;
          else if (item !== raw) {
            out = v.slice(0, i);
            out[i] = item;
          }
        }
        return out ?? v;
      };
    }
    case 'record':
      return recordReader(schema, zod, compile);
    case 'object':
      return objectReader(schema, zod, compile);
    default:
      return zodReader(schema);
  }
}

function stringReader(schema: z.ZodType, zod: ZodInternals, checks: NonNullable<ZodInternals['def']['checks']>): Reader {
  const def = zod.def;
  let pattern: RegExp | null = null;
  if (zod.traits.has('$ZodCheck') || def.format !== undefined) {
    // A string format is its own check; of the formats, only the ISO date-time is read here.
    if (def.format !== 'datetime' || !(def.pattern instanceof RegExp) || def.pattern.global || def.pattern.sticky) return zodReader(schema);
    pattern = def.pattern;
  }
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = pattern ? [pattern] : [];
  for (const ch of checks) {
    const c = ch._zod.def;
    if (c['check'] === 'min_length' && typeof c['minimum'] === 'number') min = Math.max(min, c['minimum']);
    else if (c['check'] === 'max_length' && typeof c['maximum'] === 'number') max = Math.min(max, c['maximum']);
    else if (c['check'] === 'string_format' && c['format'] === 'regex' && c['pattern'] instanceof RegExp && !c['pattern'].global && !c['pattern'].sticky)
      patterns.push(c['pattern']);
    else return zodReader(schema);
  }
  const zod_ = zodReader(schema);
  return (v) => {
    if (typeof v !== 'string') return GIVE_UP;
    for (const p of patterns) if (!p.test(v)) return GIVE_UP;
    // zod counts code points; below twice the minimum in UTF-16 units the count is its to make.
    if (min > 0 && v.length < 2 * min) return zod_(v);
    // Within the maximum in UTF-16 units is within it in code points; beyond, zod counts.
    if (v.length > max) return zod_(v);
    return v;
  };
}

function numberReader(schema: z.ZodType, zod: ZodInternals, checks: NonNullable<ZodInternals['def']['checks']>): Reader {
  if (zod.traits.has('$ZodCheck')) return zodReader(schema); // z.int() and kin as a schema
  let int = false;
  const bounds: { value: number; inclusive: boolean; below: boolean }[] = [];
  for (const ch of checks) {
    const c = ch._zod.def;
    if (c['when'] !== undefined) return zodReader(schema);
    if (c['check'] === 'number_format' && c['format'] === 'safeint') int = true;
    else if ((c['check'] === 'greater_than' || c['check'] === 'less_than') && typeof c['value'] === 'number')
      bounds.push({ value: c['value'], inclusive: c['inclusive'] === true, below: c['check'] === 'less_than' });
    else return zodReader(schema);
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return GIVE_UP;
    if (int && !Number.isSafeInteger(v)) return GIVE_UP;
    for (const b of bounds) {
      const ok = b.below ? (b.inclusive ? v <= b.value : v < b.value) : b.inclusive ? v >= b.value : v > b.value;
      if (!ok) return GIVE_UP;
    }
    return v;
  };
}

function isPlainJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function recordReader(schema: z.ZodType, zod: ZodInternals, compile: (s: z.ZodType) => Reader): Reader {
  const def = zod.def;
  const key = internals(def.keyType!);
  // Only string keys without checks: every member name of a JSON object passes them unchanged.
  if (def.mode !== undefined || key.def.type !== 'string' || key.values || key.def.format !== undefined || (key.def.checks ?? []).length > 0 || key.def.coerce)
    return zodReader(schema);
  const value = compile(def.valueType!);
  return (v) => {
    if (!isPlainJsonObject(v)) return GIVE_UP;
    const keys = Object.keys(v);
    let out: Record<string, unknown> | null = null;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const raw = v[k];
      const item = k === '__proto__' ? raw : value(raw);
      if (item === GIVE_UP) return GIVE_UP;
      if (out) {
        if (k !== '__proto__') out[k] = item;
      } else if (item !== raw || k === '__proto__') {
        // zod leaves `__proto__` out of what it returns.
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]!] = v[keys[j]!];
        if (k !== '__proto__') out[k] = item;
      }
    }
    return out ?? v;
  };
}

interface Field {
  key: string;
  read: Reader;
  optin: ZodInternals['optin'];
  optout: ZodInternals['optout'];
}

function objectReader(schema: z.ZodType, zod: ZodInternals, compile: (s: z.ZodType) => Reader): Reader {
  const def = zod.def;
  // Strict and passthrough objects are left to zod.
  if (def.catchall !== undefined) return zodReader(schema);
  const shape = def.shape!;
  const fields: Field[] = Object.keys(shape)
    .filter((key) => key !== '__proto__')
    .map((key) => {
      const el = internals(shape[key]!);
      return { key, read: compile(shape[key]!), optin: el.optin, optout: el.optout };
    });
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return GIVE_UP;
    const input = v as Record<string, unknown>;
    // Null while every member read so far is the input's own, unchanged.
    let out: Record<string, unknown> | null = null;
    let own = 0;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const present = f.key in input;
      // The rules of zod's handlePropertyResult, for values without issues.
      if (!present && f.optout === 'optional' && f.optin === 'optional') continue;
      if (!present && f.optin === undefined) return GIVE_UP;
      const raw = input[f.key];
      const item = f.read(raw);
      if (item === GIVE_UP) return GIVE_UP;
      const kept = item !== undefined || present || (f.optin === 'defaulted' && f.optout !== 'optional');
      if (present && item === raw && out === null) {
        own++;
        continue;
      }
      out ??= copyOf(input, fields, i);
      if (kept) out[f.key] = item;
    }
    if (out) return out;
    // Every member as it was: the input itself, unless it has members the shape leaves out.
    return Object.keys(input).length === own ? input : copyOf(input, fields, fields.length);
  };
}

/** A new object with the members of `fields` before `end` (each read unchanged) copied from `input`. */
function copyOf(input: Record<string, unknown>, fields: readonly Field[], end: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let j = 0; j < end; j++) {
    const key = fields[j]!.key;
    if (key in input) out[key] = input[key];
  }
  return out;
}
