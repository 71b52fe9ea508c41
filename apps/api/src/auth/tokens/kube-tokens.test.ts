import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccessTokens, InvalidTokenError } from "./access-tokens";
import { createKubeTokens, kubeAudienceOf, KUBE_TOKEN_TTL, OtherWorkspaceTokenError } from "./kube-tokens";

const ISSUER = "https://kaas.example.com";
const WS = "ws_01jd0000000000000000000001";
const OTHER_WS = "ws_01jd0000000000000000000002";

let keys: { signingKey(): Promise<{ kid: string; privateKey: KeyObject }>; verificationKey(kid: string): Promise<KeyObject | undefined> };
let strangerKey: KeyObject;

beforeAll(() => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  keys = {
    signingKey: async () => ({ kid: "k1", privateKey: pair.privateKey }),
    verificationKey: async (kid) => (kid === "k1" ? pair.publicKey : undefined),
  };
});

const input = { userId: "usr_alice", sessionId: "session_1", organizationId: "org_1", workspaceId: WS, ttlSeconds: 600, notAfter: new Date(Date.now() + 86_400_000) };

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    if (error instanceof OtherWorkspaceTokenError) return "other workspace";
    throw error;
  }
  return "accepted";
}

describe("workspace kube tokens", () => {
  it("carry the user, session, organization and workspace, for that workspace's audience only", async () => {
    const tokens = createKubeTokens({ keys, issuer: ISSUER });
    const { token, expiresAt } = await tokens.issue(input);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: "usr_alice", sid: "session_1", org: "org_1", ws: WS, typ: "kube", iss: ISSUER, aud: kubeAudienceOf(WS) });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(expiresAt.getTime()).toBe(claims.exp! * 1000);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", kid: "k1", typ: "at+jwt" });
    expect(await tokens.verify(token, WS)).toMatchObject({ sub: "usr_alice", ws: WS });
  });

  it("clamps the lifetime to the allowed range and never past the session's end", async () => {
    const tokens = createKubeTokens({ keys, issuer: ISSUER });
    const lifetime = async (ttlSeconds: number, notAfter = input.notAfter) => {
      const claims = decodeJwt((await tokens.issue({ ...input, ttlSeconds, notAfter })).token);
      return claims.exp! - claims.iat!;
    };
    expect(await lifetime(5)).toBe(KUBE_TOKEN_TTL.minSeconds);
    expect(await lifetime(10 * 86_400)).toBe(KUBE_TOKEN_TTL.maxSeconds);
    expect(await lifetime(3600, new Date(Date.now() + 120_000))).toBeLessThanOrEqual(120);
  });

  it("tells a token of another workspace apart from a bad one", async () => {
    const tokens = createKubeTokens({ keys, issuer: ISSUER });
    const { token } = await tokens.issue(input);
    expect(await reasonOf(tokens.verify(token, OTHER_WS))).toBe("other workspace");
  });

  it("refuses platform access tokens, and kube tokens are refused as access tokens", async () => {
    const tokens = createKubeTokens({ keys, issuer: ISSUER });
    const access = createAccessTokens({ keys, issuer: ISSUER, ttlSeconds: 900 });
    const accessToken = (await access.issue({ userId: "usr_alice", email: "a@example.com", provider: "dev", organizationIds: [], fingerprint: "fp", sessionId: "session_1" })).token;
    expect(await reasonOf(tokens.verify(accessToken, WS))).toBe("not a kube token");
    const { token } = await tokens.issue(input);
    expect(await reasonOf(access.verify(token))).toBe("ERR_JWT_CLAIM_VALIDATION_FAILED");
  });

  it("refuses expired tokens, foreign signatures, other issuers and forged audiences", async () => {
    let clock = Date.now();
    const tokens = createKubeTokens({ keys, issuer: ISSUER, now: () => clock });
    const { token } = await tokens.issue({ ...input, ttlSeconds: 60 });
    clock += 120_000;
    expect(await reasonOf(tokens.verify(token, WS))).toBe("expired");

    const claims = { sub: "usr_alice", sid: "session_1", org: "org_1", ws: WS, typ: "kube", aud: kubeAudienceOf(WS) };
    const sign = (payload: Record<string, unknown>, key: KeyObject, kid = "k1", issuer = ISSUER) =>
      new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" }).setIssuer(issuer).setJti("j").setIssuedAt().setExpirationTime("5m").sign(key);
    const now = createKubeTokens({ keys, issuer: ISSUER });
    expect(await reasonOf(now.verify(await sign(claims, strangerKey), WS))).toBe("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    expect(await reasonOf(now.verify(await sign(claims, strangerKey, "k2"), WS))).toBe("unknown kid");
    const signingKey = (await keys.signingKey()).privateKey;
    expect(await reasonOf(now.verify(await sign(claims, signingKey, "k1", "https://evil.example.com"), WS))).toBe("ERR_JWT_CLAIM_VALIDATION_FAILED");
    // A token naming one workspace but addressed to another's audience is malformed, not a pass.
    expect(await reasonOf(now.verify(await sign({ ...claims, ws: OTHER_WS }, signingKey), WS))).toBe("missing platform claims");
    expect(await reasonOf(now.verify(await sign({ ...claims, sid: undefined }, signingKey), WS))).toBe("missing platform claims");
    expect(await reasonOf(now.verify("not.a.jwt", WS))).not.toBe("accepted");
  });
});
