import { describe, expect, it } from "vitest";
import { CookieJar } from "../src/login/cookie-jar";

function responseSetting(...cookies: string[]): Response {
  const headers = new Headers();
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { headers });
}

describe("cookie jar for browser-less sign-in", () => {
  it("sends cookies only to their origin and path, longest path first", () => {
    const jar = new CookieJar();
    jar.storeFrom(
      new URL("http://127.0.0.1:5556/auth"),
      responseSetting("_session=s; path=/; httponly", "_interaction=i; path=/interaction/abc; httponly"),
    );
    expect(jar.headerFor(new URL("http://127.0.0.1:5556/interaction/abc/login"))).toBe("_interaction=i; _session=s");
    expect(jar.headerFor(new URL("http://127.0.0.1:5556/interaction/abcdef"))).toBe("_session=s");
    expect(jar.headerFor(new URL("http://127.0.0.1:5557/interaction/abc"))).toBeUndefined();
  });

  it("forgets a cookie that the server expires", () => {
    const jar = new CookieJar();
    const url = new URL("http://127.0.0.1:5556/auth/abc");
    jar.storeFrom(url, responseSetting("_resume=r; path=/auth/abc"));
    jar.storeFrom(url, responseSetting("_resume=; path=/auth/abc; expires=Thu, 01 Jan 1970 00:00:00 GMT"));
    expect(jar.headerFor(url)).toBeUndefined();
  });
});
