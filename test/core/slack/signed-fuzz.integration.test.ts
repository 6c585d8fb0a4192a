import { randomBytes } from 'node:crypto';
import { createFindingHandler } from '../../../lambda/factories/finding-handler';
import { type RemediationApi, startRemediationApi } from '../../../local/api/RemediationApiServer';
import { signSlackRequest } from '../../../local/slack/sign-slack-request';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { clickHandlerOf } from '../../support/click-handler';
import { ALICE, BOB, CHANNEL, type LiveStack, startLiveStack } from '../../support/live-stack';
import { prng, type Random } from '../../support/prng';

/** The seed: the same 1,200 bodies on every run, so a failure names a case that replays. */
const SEED = 0x5eed_0010;
const SIGNED_CASES = 1_100;
const UNSIGNED_CASES = 100;

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];

/** Values an attacker with the signing secret (or Slack gone wrong) could put anywhere in the payload. */
function hostileValue(r: Random): unknown {
  switch (r.int(12)) {
    case 0:
      return r.pick(PROTOTYPE_NAMES);
    case 1:
      return r.pick(['', ' ', '\u0000', '\u001b[2J', '\r\n', '\u202e', '😀'.repeat(50), 'é'.repeat(3000)]);
    case 2:
      return 'x'.repeat(r.pick([255, 256, 2_000, 2_049, 20_000]));
    case 3:
      return r.pick([0, -1, 1e308, 3.5, Number.MAX_SAFE_INTEGER]);
    case 4:
      return r.pick([null, true, false]);
    case 5:
      return r.pick([[], [null], ['remediate'], [{}]]);
    case 6:
      return r.pick([{}, { id: ALICE }, { toString: 'x' }, JSON.parse('{"__proto__":{"polluted":true}}')]);
    case 7:
      return r.pick([
        'remediate',
        'dismiss',
        'restore',
        'remediate_seal',
        'remediate_tag',
        'exempt',
        'delete_all',
        'REMEDIATE',
      ]);
    case 8:
      return r.pick([ALICE, BOB, 'U0ALICE001 ', 'T0LOCAL001', CHANNEL.id]);
    case 9:
      return r.pick(['javascript:alert(1)', 'http://127.0.0.1:1/x', 'https://', 'file:///etc/passwd']);
    case 10:
      return r.pick(['f'.repeat(32), '../../etc', 'a/b', 'id with space', '%00', '{{x}}']);
    default:
      return randomText(r);
  }
}

function randomText(r: Random): string {
  const length = r.int(80);
  let text = '';
  for (let i = 0; i < length; i += 1)
    text += String.fromCodePoint(r.pick([r.int(0x80), r.int(0x3000), r.int(0x110000)]));
  return text.replace(/[\ud800-\udfff]/g, '?');
}

/** Every path into the payload, the fields the handler reads first so they are picked most. */
const HOT_PATHS: readonly (readonly (string | number)[])[] = [
  ['type'],
  ['user'],
  ['user', 'id'],
  ['user', 'username'],
  ['team'],
  ['team', 'id'],
  ['channel'],
  ['channel', 'id'],
  ['container'],
  ['container', 'message_ts'],
  ['message', 'ts'],
  ['actions'],
  ['actions', 0],
  ['actions', 0, 'action_id'],
  ['actions', 0, 'value'],
  ['response_url'],
  ['trigger_id'],
];

/** What the handler uses as a key: the action id picks an action, the value is read from the ledger. */
const LOOKED_UP = [
  ['actions', 0, 'action_id'],
  ['actions', 0, 'value'],
] as const;

function allPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...prefix, k]))];
}

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype instead). */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function parentOf(root: unknown, path: readonly (string | number)[]): object | undefined {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? node : undefined;
}

/** The paths mutated most in a view_submission (a modal's reason), and those the handler looks up. */
const VIEW_HOT_PATHS: readonly (readonly (string | number)[])[] = [
  ['type'],
  ['user'],
  ['user', 'id'],
  ['team', 'id'],
  ['view'],
  ['view', 'id'],
  ['view', 'callback_id'],
  ['view', 'private_metadata'],
  ['view', 'state'],
  ['view', 'state', 'values'],
  ['trigger_id'],
];
const VIEW_LOOKED_UP = [
  ['view', 'callback_id'],
  ['view', 'private_metadata'],
] as const;

/** Where a kind of payload is mutated most, and what its handler uses as a key. */
interface PayloadShape {
  readonly hot: readonly (readonly (string | number)[])[];
  readonly lookedUp: readonly (readonly (string | number)[])[];
}
const CLICK: PayloadShape = { hot: HOT_PATHS, lookedUp: LOOKED_UP };
const SUBMISSION: PayloadShape = { hot: VIEW_HOT_PATHS, lookedUp: VIEW_LOOKED_UP };

/** One to three mutations of a real Slack payload: values replaced, fields deleted, keys added. */
function mutatePayload(r: Random, base: unknown, shape: PayloadShape): unknown {
  const payload = JSON.parse(JSON.stringify(base)) as unknown;
  // A third of the cases change only what the handler looks up (the action and the finding id): the rest valid.
  const focused = r.next() < 0.35;
  const mutations = focused ? 1 : 1 + r.int(3);
  for (let m = 0; m < mutations; m += 1) {
    const path = focused
      ? r.pick(shape.lookedUp)
      : r.next() < 0.7
        ? r.pick(shape.hot)
        : r.pick(allPaths(payload).slice(1));
    const parent = parentOf(payload, path);
    const key = path.at(-1);
    if (!parent || key === undefined) continue;
    const kind = focused ? 0 : r.int(10);
    if (kind < 6) setOwn(parent, key, hostileValue(r));
    else if (kind < 8) Reflect.deleteProperty(parent, key);
    else setOwn(parent, r.pick(PROTOTYPE_NAMES), hostileValue(r));
  }
  return r.next() < 0.05 ? hostileValue(r) : payload;
}

interface FuzzRequest {
  readonly body: string;
  readonly contentType?: string;
}

/** The mutated payload in one of the encodings a form post (or something pretending to be one) can take. */
function encode(r: Random, payload: unknown): FuzzRequest {
  const json = JSON.stringify(payload) ?? 'undefined';
  const form = 'application/x-www-form-urlencoded';
  switch (r.int(12)) {
    case 0:
      return { body: `payload=${encodeURIComponent(json)}`, contentType: form };
    case 1:
      return { body: `payload=${json}`, contentType: form };
    case 2:
      return { body: json, contentType: 'application/json' };
    case 3:
      return { body: `payload=${encodeURIComponent(json)}&payload=${encodeURIComponent('{}')}`, contentType: form };
    case 4:
      return { body: `payload=${encodeURIComponent(json).slice(0, r.int(json.length))}%E0%A4%A`, contentType: form };
    case 5:
      return {
        body: `--x\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--x--\r\n`,
        contentType: 'multipart/form-data; boundary=x',
      };
    case 6:
      return { body: `\ufeff${new URLSearchParams({ payload: json })}`, contentType: `${form}; charset=latin1` };
    case 7:
      return {
        body: new URLSearchParams([
          ['__proto__', 'x'],
          ['payload', json],
          ['constructor', 'y'],
        ]).toString(),
      };
    case 8:
      return { body: `payload=${encodeURIComponent(encodeURIComponent(json))}`, contentType: 'text/plain' };
    default:
      return { body: new URLSearchParams({ payload: json }).toString(), contentType: form };
  }
}

/** Signs as Slack does, with the live clock the handler checks against. */
function signedHeaders(body: string, now: Date, secret: string = SLACK_DEFAULTS.signingSecret): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(secret, timestamp, body),
  };
}

/** Requests that are not Slack's: no signature, a wrong one, an old one, one for other bytes. */
function unsignedHeaders(r: Random, body: string, now: Date): Record<string, string> {
  const good = signedHeaders(body, now);
  switch (r.int(5)) {
    case 0:
      return {};
    case 1:
      return signedHeaders(body, now, 'not-the-signing-secret');
    case 2:
      return signedHeaders(body, new Date(now.getTime() - 10 * 60 * 1000));
    case 3:
      return { ...good, 'x-slack-signature': 'v0=' };
    default:
      return signedHeaders(`${body} `, now);
  }
}

describe('Fuzz: signed Slack bodies against the remediation API (serve and the local stack)', () => {
  let live: LiveStack;
  let api: RemediationApi;
  let idle: () => Promise<void>;
  let state: (findingId: string) => Promise<string | undefined>;
  let underReview: () => Promise<{ findingId: string; ts: string }>;

  beforeAll(async () => {
    live = await startLiveStack();
    const composed = live.compose({ background: true });
    idle = () => composed.inProcess?.idle() ?? Promise.resolve();
    state = async (findingId) => (await composed.deps.ledger.get(findingId))?.state;
    underReview = async () => {
      const object = await live.putObject(`hr/${randomBytes(4).toString('hex')}.csv`);
      const event = live.findingEvent('Personal', object);
      await createFindingHandler({ deps: composed.deps })(event);
      const message = live.slack.messages(CHANNEL.id).at(-1);
      if (!message) throw new Error('no review message posted');
      return { findingId: String(event.detail.id), ts: message.ts };
    };
    api = await startRemediationApi({ handler: await clickHandlerOf(composed) });
  });
  afterAll(async () => {
    await api?.stop();
    await live?.stop();
  });

  const post = async (request: FuzzRequest, headers: Record<string, string>) => {
    const response = await fetch(`${api.url}/slack/actions`, {
      method: 'POST',
      headers: { ...headers, ...(request.contentType ? { 'content-type': request.contentType } : {}) },
      body: request.body,
    });
    await response.arrayBuffer();
    return response.status;
  };

  /** Posts `signed` mutations of `base` signed and `unsigned` ones unsigned: the 5xx answers, and the accepted unsigned. */
  async function fuzz(r: Random, base: unknown, shape: PayloadShape, signed: number, unsigned: number) {
    const serverErrors: string[] = [];
    const unsignedAccepted: string[] = [];
    for (let i = 0; i < signed + unsigned; i += 1) {
      const request = encode(r, mutatePayload(r, base, shape));
      const isSigned = i < signed;
      const status = await post(
        request,
        isSigned ? signedHeaders(request.body, live.clock()) : unsignedHeaders(r, request.body, live.clock()),
      );
      if (status >= 500) serverErrors.push(`#${i} ${status}: ${request.body.slice(0, 300)}`);
      if (!isSigned && (status < 400 || status >= 500)) unsignedAccepted.push(`#${i} ${status}`);
    }
    await idle();
    return { serverErrors, unsignedAccepted };
  }

  it('answers 1,100 mutated signed bodies and 100 unsigned ones with no 5xx, and still works after', async () => {
    // Prepare
    const r = prng(SEED);
    const target = await underReview();
    const base = live.slack.buildClick({ ts: target.ts, actionId: 'remediate', userId: ALICE }).payload;

    // Act
    const { serverErrors, unsignedAccepted } = await fuzz(r, base, CLICK, SIGNED_CASES, UNSIGNED_CASES);
    const health = await fetch(`${api.url}/healthz`);
    const fresh = await underReview();
    const click = live.slack.buildClick({ ts: fresh.ts, actionId: 'remediate', userId: ALICE });
    const valid = await fetch(`${api.url}/slack/actions`, { method: 'POST', headers: click.headers, body: click.body });
    await idle();

    // Assess
    expect(serverErrors).toEqual([]);
    expect(unsignedAccepted).toEqual([]);
    expect(health.status).toBe(200);
    expect(valid.status).toBe(200);
    expect(await state(fresh.findingId)).toBe('QUARANTINED');
  });

  it("answers 400 mutated signed modal submissions (a reason's view_submission) with no 5xx, and still works after", async () => {
    // Prepare: Exempt always asks for a reason, so its click opens the modal whose submission is mutated
    const r = prng(SEED + 1);
    live.slack.setInteractivityUrl(`${api.url}/slack/actions`);
    const openReasonModal = async () => {
      const target = await underReview();
      const click = live.slack.buildClick({ ts: target.ts, actionId: 'exempt', userId: ALICE });
      await fetch(`${api.url}/slack/actions`, { method: 'POST', headers: click.headers, body: click.body });
      return target;
    };
    // Mutated clicks may have opened modals before: the submission's base is this one.
    const closeOpenModals = () => {
      for (const view of live.slack.views.opened()) live.slack.views.close(view.id);
    };
    closeOpenModals();
    await openReasonModal();
    const base = live.slack.buildSubmission({ text: 'test fixtures, not customer data' }).payload;

    // Act
    const { serverErrors, unsignedAccepted } = await fuzz(r, base, SUBMISSION, 400, 40);
    const health = await fetch(`${api.url}/healthz`);
    closeOpenModals();
    const fresh = await openReasonModal();
    const submitted = await live.slack.submitView({ text: 'test fixtures, not customer data' });
    await idle();

    // Assess
    expect(serverErrors).toEqual([]);
    expect(unsignedAccepted).toEqual([]);
    expect(health.status).toBe(200);
    expect(submitted.closed).toBe(true);
    expect(await state(fresh.findingId)).toBe('DISMISSED');
  });
});
