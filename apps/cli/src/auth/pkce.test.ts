import { describe, expect, it } from "vitest";
import { createPkcePair, pkceChallengeOf } from "./pkce";

describe("PKCE (RFC 7636, S256)", () => {
  it("computes the challenge of the RFC's own example (Appendix B)", () => {
    expect(pkceChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("makes a 43-character unreserved verifier, its S256 challenge, and a new pair every time", () => {
    const pair = createPkcePair();
    expect(pair.method).toBe("S256");
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The platform accepts exactly this shape for code_challenge.
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.challenge).toBe(pkceChallengeOf(pair.verifier));
    expect(createPkcePair().verifier).not.toBe(pair.verifier);
  });
});
