import type { Context } from 'aws-lambda';
import { createLambdaLogger } from '../../../lambda/runtime/lambda-logger';
import { lambdaContext } from '../support/lambda-context';

/** A logger writing into two arrays, at a fixed time, with `env` as its environment. */
function recording(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const made = createLambdaLogger({
    env,
    out: { write: (line: string) => out.push(line) },
    err: { write: (line: string) => err.push(line) },
    clock: () => new Date('2026-12-07T10:00:00.000Z'),
  });
  const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { ...made, out: () => parsed(out), err: () => parsed(err), raw: () => [...out, ...err] };
}

describe('Function: createLambdaLogger', () => {
  it('writes one JSON line per event: level, message, timestamp, service, the context keys, correlation id, fields', () => {
    // Prepare
    const log = recording({ _X_AMZN_TRACE_ID: 'Root=1-abc-def;Parent=123;Sampled=1' });
    const context: Context = lambdaContext('macie-remediator', 'req-1');

    // Act
    log.begin(context, 'event-1');
    log.logger.info('finding handled', { findingId: 'f-1', outcome: 'NOTIFIED' });

    // Assess
    expect(log.raw().every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(log.out()).toEqual([
      {
        level: 'INFO',
        message: 'finding handled',
        timestamp: '2026-12-07T10:00:00.000Z',
        service: 'macie-remediate',
        cold_start: true,
        function_arn: context.invokedFunctionArn,
        function_memory_size: Number(context.memoryLimitInMB),
        function_name: 'macie-remediator',
        function_request_id: 'req-1',
        xray_trace_id: '1-abc-def',
        correlationId: 'event-1',
        findingId: 'f-1',
        outcome: 'NOTIFIED',
      },
    ]);
  });

  it('marks only the first invocation of the container as a cold start, and forgets the last one’s keys', () => {
    // Prepare
    const log = recording();

    // Act
    log.begin(lambdaContext('fn', 'req-1'), 'first');
    log.logger.info('one');
    log.begin(lambdaContext('fn', 'req-2'), undefined);
    log.logger.info('two');

    // Assess: without a correlation id the request id stands in
    expect(log.out().map(({ cold_start, correlationId }) => ({ cold_start, correlationId }))).toEqual([
      { cold_start: true, correlationId: 'first' },
      { cold_start: false, correlationId: 'req-2' },
    ]);
  });

  it.each([
    [undefined, ['INFO', 'WARN', 'ERROR']],
    ['debug', ['DEBUG', 'INFO', 'WARN', 'ERROR']],
    ['WARN', ['WARN', 'ERROR']],
    ['ERROR', ['ERROR']],
    [' Warn ', ['WARN', 'ERROR']],
  ])('LOG_LEVEL=%s writes %j', (level, written) => {
    // Prepare
    const log = recording({ LOG_LEVEL: level });

    // Act
    for (const write of [log.logger.debug, log.logger.info, log.logger.warn, log.logger.error]) write('x');

    // Assess: DEBUG and INFO to stdout, WARN and ERROR to stderr
    expect([...log.out(), ...log.err()].map((line) => line.level)).toEqual(written);
    expect(log.out().every((line) => line.level === 'DEBUG' || line.level === 'INFO')).toBe(true);
  });

  it('logs at INFO under an unknown LOG_LEVEL, and says so once on stderr', () => {
    // Prepare
    const log = recording({ LOG_LEVEL: 'verbose' });

    // Act
    log.logger.debug('hidden');
    log.logger.info('shown');

    // Assess
    expect(log.err()).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'LOG_LEVEL is not one of DEBUG, INFO, WARN, ERROR: logging at INFO',
        value: 'verbose',
      }),
    ]);
    expect(log.out().map((line) => line.message)).toEqual(['shown']);
  });

  it("never lets an event's fields replace its own keys: they are dropped, and that is said once", () => {
    // Prepare: fields as an event could carry them
    const log = recording();
    const context: Context = lambdaContext('macie-remediator', 'req-9');
    log.begin(context, 'event-9');
    const forged = { level: 'DEBUG', message: 'all is well', function_request_id: 'forged', findingId: 'f-9' };

    // Act
    log.logger.error('job failed', forged);
    log.logger.error('job failed again', forged);

    // Assess
    const [first, warning, second] = log.err();
    for (const [line, message] of [
      [first, 'job failed'],
      [second, 'job failed again'],
    ] as const) {
      expect(line).toMatchObject({ level: 'ERROR', message, function_request_id: 'req-9', findingId: 'f-9' });
    }
    expect(warning).toMatchObject({
      level: 'WARN',
      message: "log fields named like the logger's own keys were dropped",
      dropped: 'level, message, function_request_id',
    });
    expect(log.err()).toHaveLength(3);
  });

  it('writes an error with its name, message, stack and cause, a bigint as text, and a cycle without throwing', () => {
    // Prepare
    const log = recording();
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;

    // Act
    log.logger.error('failed', {
      error: new TypeError('bad', { cause: new Error('root') }),
      size: BigInt(2) ** BigInt(70),
      cycle,
    });

    // Assess
    const [line] = log.err();
    expect(line).toMatchObject({
      level: 'ERROR',
      error: { name: 'TypeError', message: 'bad', cause: { name: 'Error', message: 'root' } },
      size: '1180591620717411303424',
      cycle: { name: 'loop', self: '[Circular]' },
    });
    expect(JSON.stringify(line?.error)).toContain('TypeError: bad\\n');
  });
});
