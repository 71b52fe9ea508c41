import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  /** File name stem inside `dir`: `<baseName>.crt` and `<baseName>.key`. */
  baseName: string;
  commonName: string;
  /** Subject organizations; for client certificates these are the Kubernetes groups. */
  organizations?: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: "server" | "client";
}

const VALIDITY_DAYS = "3650";

async function openssl(args: string[]): Promise<void> {
  try {
    await run("openssl", args);
  } catch (error) {
    const detail = error instanceof Error ? ((error as { stderr?: string }).stderr ?? error.message) : String(error);
    if ((error as { code?: string }).code === "ENOENT") {
      throw new Error("the openssl CLI is needed to create the local cluster's certificates; install it (apt-get install openssl)");
    }
    throw new Error(`openssl ${args[0]} failed: ${detail.trim()}`);
  }
}

/** Escapes a value for openssl's `-subj /O=.../CN=...` syntax. */
export function opensslSubject(commonName: string, organizations: string[] = []): string {
  const escape = (value: string) => value.replace(/[\\/+=]/g, (c) => `\\${c}`);
  return [...organizations.map((o) => `/O=${escape(o)}`), `/CN=${escape(commonName)}`].join("");
}

function loadPair(certFile: string, keyFile: string): CertificateFiles {
  return { certFile, keyFile, certPem: readFileSync(certFile, "utf8"), keyPem: readFileSync(keyFile, "utf8") };
}

/**
 * A self-signed CA for one cluster (ECDSA P-256: fast to generate and accepted everywhere in
 * Kubernetes). Reused when the files already exist, so a persisted cluster keeps its identity.
 */
export async function ensureCertificateAuthority(dir: string, commonName: string): Promise<CertificateFiles> {
  const certFile = join(dir, "ca.crt");
  const keyFile = join(dir, "ca.key");
  if (existsSync(certFile) && existsSync(keyFile)) return loadPair(certFile, keyFile);
  const extFile = join(dir, "ca.ext");
  writeFileSync(
    extFile,
    [
      "[req]",
      "distinguished_name = dn",
      "[dn]",
      "[ext]",
      "basicConstraints = critical,CA:TRUE",
      "keyUsage = critical,keyCertSign,cRLSign,digitalSignature",
      "subjectKeyIdentifier = hash",
      "",
    ].join("\n"),
  );
  await openssl([
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyFile, "-out", certFile, "-days", VALIDITY_DAYS,
    "-subj", opensslSubject(commonName), "-config", extFile, "-extensions", "ext",
  ]);
  chmodSync(keyFile, 0o600);
  return loadPair(certFile, keyFile);
}

/** A leaf certificate signed by `ca`; reused when it already exists. */
export async function ensureCertificate(
  dir: string,
  ca: CertificateFiles,
  request: CertificateRequest,
): Promise<CertificateFiles> {
  const certFile = join(dir, `${request.baseName}.crt`);
  const keyFile = join(dir, `${request.baseName}.key`);
  if (existsSync(certFile) && existsSync(keyFile)) return loadPair(certFile, keyFile);
  const csrFile = join(dir, `${request.baseName}.csr`);
  const extFile = join(dir, `${request.baseName}.ext`);
  const altNames = [
    ...(request.dnsNames ?? []).map((name) => `DNS:${name}`),
    ...(request.ipAddresses ?? []).map((ip) => `IP:${ip}`),
  ];
  writeFileSync(
    extFile,
    [
      "[ext]",
      "basicConstraints = critical,CA:FALSE",
      "keyUsage = critical,digitalSignature,keyEncipherment",
      `extendedKeyUsage = ${request.usage === "server" ? "serverAuth" : "clientAuth"}`,
      "authorityKeyIdentifier = keyid",
      ...(altNames.length > 0 ? [`subjectAltName = ${altNames.join(",")}`] : []),
      "",
    ].join("\n"),
  );
  await openssl([
    "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyFile, "-out", csrFile, "-subj", opensslSubject(request.commonName, request.organizations),
  ]);
  await openssl([
    "x509", "-req", "-in", csrFile, "-CA", ca.certFile, "-CAkey", ca.keyFile,
    "-set_serial", `0x${randomBytes(16).toString("hex")}`, "-days", VALIDITY_DAYS, "-sha256",
    "-extfile", extFile, "-extensions", "ext", "-out", certFile,
  ]);
  chmodSync(keyFile, 0o600);
  return loadPair(certFile, keyFile);
}

export interface ServiceAccountKeys {
  privateKeyFile: string;
  publicKeyFile: string;
}

/** The RSA key pair the apiserver signs service-account tokens with (RS256, the default). */
export function ensureServiceAccountKeys(dir: string): ServiceAccountKeys {
  const privateKeyFile = join(dir, "sa.key");
  const publicKeyFile = join(dir, "sa.pub");
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
    writeFileSync(publicKeyFile, publicKey);
  }
  return { privateKeyFile, publicKeyFile };
}
