import { assertApiOriginMatchesBuild } from "./config/api-origin";

// Next logs a throwing instrumentation hook and then keeps serving, half-broken. A misconfigured
// server should instead stop with a message naming the variable, like the API does.
try {
  assertApiOriginMatchesBuild();
} catch (error) {
  console.error(`web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
