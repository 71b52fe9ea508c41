/** Integration tests need the real services; say how to get them instead of failing obscurely. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run integration tests through \`npm test\` (it starts the services)`);
  }
  return value;
}
