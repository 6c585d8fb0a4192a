import { startMoto } from './moto-server';

/**
 * One moto server for the whole run; workers inherit MOTO_URL through the environment.
 * Tests isolate themselves by unique bucket/table/secret names (see test/support/aws.ts).
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const moto = await startMoto();
  process.env.MOTO_URL = moto.url;
  (globalThis as { __MOTO__?: typeof moto }).__MOTO__ = moto;
}
