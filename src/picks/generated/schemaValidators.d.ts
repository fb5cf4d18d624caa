/* Types of the generated standalone validators (scripts/build-validators.ts). */
import type { ValidateFunction } from "ajv";

export declare const checkPickListSchema: ValidateFunction;
export declare const checkCatalogSchema: ValidateFunction;
