import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

/** A key that would clear the screen, return the cursor and reverse the rest of the line if printed raw. */
const HOSTILE_KEY = 'evil/\u001b[2J\rpayroll \u202ecod.exe.csv';
const SHOWN_KEY = 'evil/\\e[2J\\rpayroll \\u202ecod.exe.csv';
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Control characters left raw, apart from line ends and the CLI's own colour codes. */
const rawControls = (text: string): string[] =>
  text.replaceAll(SGR, '').match(/(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu) ?? [];

/** Exit 2, nothing on stdout, exactly one line on stderr and no stack. */
function expectUsageLine(run: CliRun, text: string): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')).toEqual([expect.stringContaining(text), '']);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('Hostile input at the terminal', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  describe('terminal escape injection', () => {
    it('shows a key with ESC[2J, CR and a bidi override escaped in the plan before confirming, the results and history', async () => {
      // Prepare
      const object = await stack.putObject(HOSTILE_KEY);
      const id = stack.addFinding(object).id as string;

      // Act
      const unconfirmed = await stack.run(['remediate', id], { tty: true });
      const done = await stack.run(['remediate', id, '--yes'], { tty: true });
      const history = await stack.run(['history', id], { tty: true });

      // Assess
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain(SHOWN_KEY);
      expect(unconfirmed.stderr).toContain('without confirmation');
      expect(done.code).toBe(0);
      expect(done.stdout).toContain(SHOWN_KEY.slice(0, 20));
      expect(history.stdout).toContain(SHOWN_KEY);
      // The progress bar on stderr draws with its own controls (cursor, line clearing): the results are on stdout.
      for (const text of [unconfirmed.stdout, unconfirmed.stderr, done.stdout, history.stdout, history.stderr]) {
        expect(rawControls(text)).toEqual([]);
      }
      expect(done.stdout).toMatch(SGR);
    });

    it('keeps --json exact (JSON escapes control characters itself)', async () => {
      // Prepare
      const object = await stack.putObject(`${HOSTILE_KEY}-json`);
      const id = stack.addFinding(object).id as string;

      // Act
      const run = await stack.run(['remediate', id, '--yes', '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).results[0].source.key).toBe(`${HOSTILE_KEY}-json`);
    });

    it('shows an error quoting hostile text on one escaped line', async () => {
      const run = await stack.run(['history', 'f\u202e\u001b[2J'], { tty: true });
      expectUsageLine(run, 'finding id "f\\u202e\\u001b[2J" is not a finding id');
      expect(rawControls(run.stderr)).toEqual([]);
    });
  });

  describe('exit codes: bad input is exit 2, one line, nothing changed', () => {
    const LONG_ID = 'f'.repeat(2049);

    it.each([
      ['remediate ""', ['remediate', '', '--yes'], 'finding id is empty'],
      ['restore ""', ['restore', '', '--yes'], 'finding id is empty'],
      ['history ""', ['history', ''], 'finding id is empty'],
      ['remediate with a 2 KB id', ['remediate', LONG_ID, '--yes'], 'is 2049 characters long (at most 128)'],
      ['history with a 2 KB id', ['history', LONG_ID], 'is 2049 characters long (at most 128)'],
      [
        "--region ''",
        ['--region', '', 'list', 'quarantined'],
        'Invalid configuration: region "" from --region: must be an AWS Region',
      ],
    ])('%s', async (_name, args, text) => {
      expectUsageLine(await stack.run(args), text);
    });

    it('leaves the object and the ledger alone when one of the ids is bad', async () => {
      // Prepare
      const object = await stack.putObject('exit-codes/kept.csv');
      const id = stack.addFinding(object).id as string;

      // Act
      const run = await stack.run(['remediate', id, '', '--yes']);

      // Assess
      expectUsageLine(run, 'finding id is empty');
      await expect(
        stack.s3.send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key })),
      ).resolves.toBeDefined();
      expect(await stack.ledger.get(id)).toBeUndefined();
    });

    it('audit --output into a folder that does not exist: names the folder, writes nothing', async () => {
      // Act
      const run = await stack.run(['audit', '--output', 'missing/audit.csv']);

      // Assess
      expectUsageLine(run, `--output missing/audit.csv: the folder ${join(stack.cwd, 'missing')} does not exist`);
      expect(run.stderr).not.toContain('.tmp');
      expect(existsSync(join(stack.cwd, 'missing'))).toBe(false);
      expect(readdirSync(stack.cwd).filter((f) => f.includes('audit'))).toEqual([]);
    });

    it('serve with a bot token Slack refuses', async () => {
      // Act
      const run = await stack.run(['serve', '--port', '0'], {
        env: { SLACK_BOT_TOKEN: 'xoxb-refused', SLACK_SIGNING_SECRET: SLACK_DEFAULTS.signingSecret },
      });

      // Assess
      expectUsageLine(run, 'Slack refused the bot token (invalid_auth): set a working SLACK_BOT_TOKEN');
      expect(run.stderr).not.toContain('xoxb-refused');
    });
  });
});
