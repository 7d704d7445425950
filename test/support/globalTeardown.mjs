export default async function globalTeardown() {
  await globalThis.__CMC_EMBEDDED_PG__?.stop();
}
