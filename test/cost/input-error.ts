/** Test helper: the InputError a call throws (any other outcome fails the test). */
import { InputError } from "../../src/model/errors.js";

/**
 * @param fn - the call expected to throw an InputError
 */
export function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}
