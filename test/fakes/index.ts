/**
 * Local HTTP emulators of the clouds volsnap supports, for contract tests, the
 * engine's crash/soak tests, benchmarks and the Playwright bridge. Each starts
 * on 127.0.0.1 with an ephemeral port: `const fake = await startXFake(opts)`,
 * then `fake.url`, `fake.state`, seed helpers, `fake.faults`, `fake.stats`,
 * `await fake.close()`.
 */
export { startDigitalOceanFake, DigitalOceanFake, DO_FAKE_TOKEN, type DigitalOceanFakeOptions } from './digitalocean';
export {
  startScalewayFake,
  ScalewayFake,
  SCW_FAKE_TOKEN,
  SCW_FAKE_PROJECT,
  type ScalewayFakeOptions,
} from './scaleway';
export { startHetznerFake, HetznerFake, HETZNER_FAKE_TOKEN, type HetznerFakeOptions } from './hetzner';
export { startGcpFake, GcpFake, GCP_CREATE_ROUTE, type GcpFakeOptions } from './gcp';
export type { FakeFaults, FakeStats, FakeRateLimit, FakeServerOptions, RecordedExchange } from './http-fake';
