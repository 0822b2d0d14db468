/**
 * Compile-time equality of two types, used to tie the runtime schemas (`schema.ts`) to the wire types: a
 * drift in either direction — a field added, removed, renamed, made optional or retyped on one side only —
 * makes `Exact<A, B>` `false`, and the assertion that expects `true` fails to compile. Types only; nothing
 * here exists at run time.
 *
 * @module
 */

type IsAny<T> = 0 extends 1 & T ? true : false;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * `true` when `A` and `B` describe the same values: mutually assignable, and — recursively through objects
 * and arrays — with the same property names (so an optional field present on one side only is a
 * difference too). `any`/`unknown` members match anything; unions are compared by mutual assignability.
 */
export type Exact<A, B> =
  IsAny<A> extends true
    ? true
    : IsAny<B> extends true
      ? true
      : Mutual<A, B> extends false
        ? false
        : ExactShape<NonNullable<A>, NonNullable<B>>;

type ExactShape<A, B> = [A] extends [readonly (infer EA)[]]
  ? [B] extends [readonly (infer EB)[]]
    ? Exact<EA, EB>
    : false
  : true extends IsUnion<A> | IsUnion<B>
    ? true
    : A extends object
      ? Mutual<keyof A, keyof B> extends true
        ? false extends { [K in keyof A & keyof B]-?: Exact<A[K], B[K]> }[keyof A & keyof B]
          ? false
          : true
        : false
      : true;

/** Compiles only when `T` is `never`; the error names the members of `T` that should not be there. */
export type AssertNever<T extends never> = T;
