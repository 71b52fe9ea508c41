import { describe, expect, it } from "vitest";
import { accessTokenRemainingMs, credentialFromTokenPair, refreshTokenExpired } from "./token-pair-credential";

const pair = (serverNow: number) => ({
  access_token: "at",
  refresh_token: "rt",
  token_type: "Bearer" as const,
  expires_in: 900,
  expires_at: new Date(serverNow + 900_000).toISOString(),
  refresh_expires_at: new Date(serverNow + 86_400_000).toISOString(),
});

describe("credentialFromTokenPair", () => {
  it("counts expiry on the local clock from when the request was sent, whatever the server's clock says", () => {
    const localNow = Date.parse("2030-01-01T00:00:00Z");
    const serverAnHourAhead = localNow + 3_600_000;
    expect(credentialFromTokenPair(pair(serverAnHourAhead), localNow)).toEqual({
      accessToken: "at",
      refreshToken: "rt",
      expiresAt: "2030-01-01T00:15:00.000Z",
      refreshExpiresAt: "2030-01-02T00:00:00.000Z",
    });
  });

  it("reports the time left and whether the refresh token is past its expiry", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    const credential = credentialFromTokenPair(pair(now), now);
    expect(accessTokenRemainingMs(credential, now + 60_000)).toBe(840_000);
    expect(refreshTokenExpired(credential, now + 86_399_999)).toBe(false);
    expect(refreshTokenExpired(credential, now + 86_400_000)).toBe(true);
  });
});
