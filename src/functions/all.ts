/** Every AIC function, in the order of functions.json and the README's formula reference. */
import { MODEL_FUNCTIONS, type FunctionDefinition } from "./definitions";
import { PICK_FUNCTIONS } from "./pickFunctions";

export const ALL_FUNCTIONS: readonly FunctionDefinition<unknown>[] = [...MODEL_FUNCTIONS, ...PICK_FUNCTIONS];
