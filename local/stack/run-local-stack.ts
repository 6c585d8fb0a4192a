// The process `macie-remediate local up` leaves running: the local stack until SIGTERM (`local down`) or Ctrl-C.
// Started detached with an IPC channel, it reports readiness (or its failure) once and then lives on alone.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createJsonLinesLogger } from '../api/json-lines-logger';
import { startLocalStack } from './LocalStack';
import { LOCAL_NAMES } from './local-names';
import { MEMBER_SAMPLE, uploadSample, uploadSamples } from './sample-objects';
import { removeState, type StackState, writeState } from './state-file';

/**
 * How often the kept-running stack reconciles by itself: the deployed default is hourly (reconcileSchedule);
 * a minute here lets someone trying it watch a dropped event being picked up.
 */
const RECONCILE_EVERY_MS = 60_000;

async function run(stateDir: string): Promise<void> {
  const logger = createJsonLinesLogger({ stream: process.stderr, service: 'macie-remediate-local' });
  const fresh = !existsSync(join(stateDir, 's3'));
  const stack = await startLocalStack({ stateDir, logger, reconcileEveryMs: RECONCILE_EVERY_MS });
  // A new stack starts with the samples in it, the member account's too, so every command has findings to work on.
  if (fresh) {
    await uploadSamples(stack.s3, LOCAL_NAMES.sourceBucket);
    await uploadSample(stack.member.s3, stack.member.bucket, MEMBER_SAMPLE);
    await stack.idle();
  }
  const state: StackState = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    stateDir,
    urls: stack.urls,
    env: stack.env,
  };
  writeState(state);
  logger.info('local stack running', { urls: stack.urls });
  process.send?.({ ready: state });
  process.disconnect?.();
  const listening = new AbortController();
  const signal = await Promise.race(
    (['SIGTERM', 'SIGINT'] as const).map((name) =>
      once(process, name, { signal: listening.signal }).then(
        () => name,
        () => name,
      ),
    ),
  );
  listening.abort();
  logger.info('stopping', { signal });
  await stack.stop();
  removeState(stateDir);
  logger.info('stopped');
}

const stateDir = process.argv[2];
if (!stateDir) {
  process.stderr.write('usage: run-local-stack <state-dir>\n');
  process.exitCode = 2;
} else {
  run(stateDir).catch((err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`local stack failed: ${message}\n`);
    process.send?.({ failed: err instanceof Error ? err.message : String(err) });
    process.exitCode = 1;
  });
}
