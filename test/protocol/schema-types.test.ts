/**
 * The request schemas are tied to the wire types at compile time (`RequestSchemaDrift` in schema.ts). These
 * cases show the check is not vacuous: each drifted pair below must fail to type-check (`@ts-expect-error`
 * turns that into a compile error if it ever stops failing), in both directions.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { requestSchemas } from '../../src/protocol/schema.js';
import { type RequestSchemaDrift } from '../../src/protocol/schema.js';
import type { Exact } from '../../src/protocol/type-equality.js';
import type { ThreadsCreateRequest, ThreadsListRequest } from '../../src/protocol/types.js';

type ListSchema = z.output<(typeof requestSchemas)['threads.list']>;
type CreateSchema = z.output<(typeof requestSchemas)['threads.create']>;

describe('request schemas agree with the wire types', () => {
  it('no request type drifts (RequestSchemaDrift is never)', () => {
    const drift: RequestSchemaDrift[] = [];
    expect(drift).toEqual([]);
    const agrees: [Exact<ListSchema, ThreadsListRequest>, Exact<CreateSchema, ThreadsCreateRequest>] = [
      true,
      true,
    ];
    expect(agrees).toEqual([true, true]);
  });

  it('a drift in either direction is a compile error', () => {
    // The type gains an optional param the schema lacks.
    // @ts-expect-error — Exact is false
    const typeAddsOptional: Exact<ListSchema, ThreadsListRequest & { params: { cursor?: string } }> = true;
    // The schema gains an optional param the type lacks.
    // @ts-expect-error — Exact is false
    const schemaAddsOptional: Exact<ListSchema & { params: { cursor?: string } }, ThreadsListRequest> = true;
    // A param becomes required on one side.
    // @ts-expect-error — Exact is false
    const madeRequired: Exact<
      ListSchema,
      Omit<ThreadsListRequest, 'params'> & { params: { limit: number } }
    > = true;
    // A nested member changes type (inside params.input).
    type Retyped = Omit<ThreadsCreateRequest, 'params'> & {
      params: {
        input: Omit<ThreadsCreateRequest['params']['input'], 'quoted_text'> & { quoted_text?: number };
      };
    };
    // @ts-expect-error — Exact is false
    const nestedRetyped: Exact<CreateSchema, Retyped> = true;
    expect([typeAddsOptional, schemaAddsOptional, madeRequired, nestedRetyped]).toHaveLength(4);
  });
});
