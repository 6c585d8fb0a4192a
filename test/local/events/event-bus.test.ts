import { matchesPattern } from '../../../local/events/event-pattern';
import { FINDING_RULE_PATTERN } from '../../../local/events/finding-rule-pattern';
import { LocalEventBus } from '../../../local/events/LocalEventBus';
import { makeFinding } from '../../../local/macie/make-finding';
import { makePolicyFinding } from '../../../local/macie/make-policy-finding';
import { toEventBridgeEvent } from '../../../local/macie/to-eventbridge-event';

describe('Function: matchesPattern', () => {
  const event = {
    source: 'aws.macie',
    'detail-type': 'Macie Finding',
    detail: { type: 'SensitiveData:S3Object/Financial', tags: ['a', 'b'] },
  };

  it.each([
    ['literal values', { source: ['aws.macie', 'aws.s3'] }, true],
    ['a literal that differs', { source: ['aws.s3'] }, false],
    ['a prefix', { detail: { type: [{ prefix: 'SensitiveData' }] } }, true],
    ['a prefix that differs', { detail: { type: [{ prefix: 'Policy' }] } }, false],
    ['any element of an array value', { detail: { tags: ['b'] } }, true],
    ['exists: true on a present field', { detail: { type: [{ exists: true }] } }, true],
    ['exists: false on a present field', { detail: { type: [{ exists: false }] } }, false],
    ['exists: false on an absent field', { detail: { missing: [{ exists: false }] } }, true],
    ['a nested field of a non-object', { source: { inner: ['x'] } }, false],
  ])('matches %s: %s', (_name, pattern, expected) => {
    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(expected);
  });

  it('is the deployed finding rule, in EventBridge JSON', () => {
    // Prepare: infra's pattern uses CDK's property names (detailType)
    const { FINDING_EVENT_PATTERN } =
      require('../../../infra/FindingRule') as typeof import('../../../infra/FindingRule');
    const { detailType, ...rest } = FINDING_EVENT_PATTERN;

    // Assess
    expect(FINDING_RULE_PATTERN).toEqual({ ...rest, 'detail-type': detailType });
  });

  it('takes sensitive-data findings and leaves policy findings out', () => {
    // Prepare
    const sensitive = toEventBridgeEvent(
      makeFinding({ bucket: 'b', key: 'k', type: 'SensitiveData:S3Object/Personal' }),
    );
    const policy = toEventBridgeEvent(makePolicyFinding({ bucket: 'b', type: 'Policy:IAMUser/S3BucketPublic' }));

    // Act & Assess
    expect(matchesPattern(FINDING_RULE_PATTERN, sensitive)).toBe(true);
    expect(matchesPattern(FINDING_RULE_PATTERN, policy)).toBe(false);
  });
});

describe('Class: LocalEventBus', () => {
  type Event = { source: string; n: number };

  it('delivers matching events asynchronously to each matching rule, and idle() waits for them', async () => {
    // Prepare
    const bus = new LocalEventBus<Event>();
    const seen: string[] = [];
    bus.addRule({ name: 'a', pattern: { source: ['x'] }, target: async (e) => seen.push(`a${e.n}`) });
    bus.addRule({ name: 'b', pattern: { source: ['x', 'y'] }, target: async (e) => seen.push(`b${e.n}`) });

    // Act
    const matched = [bus.put({ source: 'x', n: 1 }), bus.put({ source: 'y', n: 2 }), bus.put({ source: 'z', n: 3 })];
    const before = [...seen];
    await bus.idle();

    // Assess
    expect(matched).toEqual([['a', 'b'], ['b'], []]);
    expect(before).toEqual([]);
    expect(seen.sort()).toEqual(['a1', 'b1', 'b2']);
  });

  it('retries a failing target, then reports the event as failed', async () => {
    // Prepare
    const bus = new LocalEventBus<Event>();
    let calls = 0;
    bus.addRule({
      name: 'flaky',
      pattern: { source: ['x'] },
      retryAttempts: 2,
      target: async (e) => {
        calls++;
        if (e.n === 1 && calls < 3) throw new Error('transient');
        if (e.n === 2) throw new Error('broken');
        return 'done';
      },
    });
    const delivered: unknown[] = [];
    const failed: unknown[] = [];
    bus.on('delivered', (d) => delivered.push({ n: d.event.n, attempts: d.attempts, result: d.result }));
    bus.on('failed', (f) => failed.push({ n: f.event.n, attempts: f.attempts, error: String(f.error) }));

    // Act
    bus.put({ source: 'x', n: 1 });
    await bus.idle();
    bus.put({ source: 'x', n: 2 });
    await bus.idle();

    // Assess
    expect(delivered).toEqual([{ n: 1, attempts: 3, result: 'done' }]);
    expect(failed).toEqual([{ n: 2, attempts: 3, error: 'Error: broken' }]);
  });
});
