import type { Finding, SensitiveDataItem } from '@aws-sdk/client-macie2';

/**
 * The JSON form of an SDK shape as it travels on the wire and in EventBridge events: dates are ISO strings,
 * enums are plain strings, and any member may be null or absent (Macie sends nulls freely).
 */
type Wire<T> = T extends Date
  ? string
  : T extends string
    ? string
    : T extends number | boolean
      ? T
      : T extends readonly (infer U)[]
        ? readonly Wire<U>[]
        : T extends object
          ? { readonly [K in keyof T]?: Wire<NonNullable<T[K]>> | null }
          : T;

/** A Macie finding as JSON (the shared samples' shape); the stand-in keys its store on `id`. */
type MacieFindingJson = Wire<Finding> & { readonly id: string };

/** One `classificationDetails.result.sensitiveData[]` entry. */
type SensitiveDataJson = Wire<SensitiveDataItem>;

export type { MacieFindingJson, SensitiveDataJson, Wire };
