import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Chalk } from 'chalk';
import { runDemo } from '../../cli/demo/scenario';
import { DemoSteps } from '../../cli/demo/steps';
import { startLocalStack } from '../../local/stack/LocalStack';
import { runCli } from '../cli/support/captured-io';
import { BIN, runBin } from '../support/run-bin';

const STEPS = [
  'Started the local stack',
  'Uploaded the two sample files',
  "Macie's discovery found sensitive data in both",
  'The Financial finding was quarantined automatically',
  'The Personal finding was posted to #macie-findings for review',
  'A file in the member account Payroll (222233334444) was found and posted for review',
  'bob clicked Remediate: refused, not an approver',
  'alice approved: clicked Remediate; the object was quarantined',
  'alice clicked Restore; the object is back where it was',
  'alice approved the Payroll file: moved into the central quarantine',
  "alice restored the Payroll file into its account's bucket",
  'alice clicked Seal instead: the file stays at its key, sealed with the quarantine key',
  'alice clicked Restore on the sealed file: unsealed, the same bytes',
  'A file under the exempt prefix fixtures/ was found and let be',
  "EventBridge dropped a Financial finding's event; the reconciler quarantined the file",
  'Macie re-scanned the restored Personal file, unchanged (same ETag): nothing moved',
  'alice clicked Dismiss and suppress similar: Macie archives the like',
];

/** Resolves with the first stdout line matching `pattern`. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (!match) return;
      child.stdout?.off('data', onData);
      resolve(match);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${pattern}:\n${seen}`)));
  });
}

describe('macie-remediate demo', () => {
  let home: string;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'demo-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('narrates every step with ✓, prints the report and exits 0', async () => {
    // Act
    const run = await runBin(['demo'], { env: { HOME: home }, cwd: home });

    // Assess
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const marks = run.stdout.split('\n').filter((line) => /^[✓✗-] /.test(line));
    expect(marks).toHaveLength(STEPS.length);
    STEPS.forEach((step, i) => {
      expect(marks[i]).toMatch(new RegExp(`^✓ ${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* \\(\\d+ ms\\)$`));
    });
    expect(run.stdout).toContain('ledger: QUARANTINED by slack:U0ALICE001');
    expect(run.stdout).toContain('Slack #macie-findings: "🔒 Quarantined" [Restore]');
    // Security Hub beside Slack: the workflow status and note the local stand-in holds after each decision.
    expect(run.stdout).toMatch(
      /\n {4}Security Hub: RESOLVED — Quarantined automatically, policy AUTO on \S+: s3:\/\/macie-remediate-local-data\/finance\//,
    );
    expect(run.stdout).toMatch(
      /\n {4}Security Hub: RESOLVED — Quarantined by Slack user U0ALICE001 on \S+: s3:\/\/macie-remediate-local-data\/hr\//,
    );
    expect(run.stdout).toMatch(
      /\n {4}Security Hub: NOTIFIED — Restored by Slack user U0ALICE001 on \S+ to s3:\/\/macie-remediate-local-payroll\//,
    );
    expect(run.stdout.match(/\n {4}Security Hub: /g)).toHaveLength(9);
    // SEAL: the object stays at its key, encrypted with the local quarantine key and marked, listed; unsealed to its bytes.
    expect(run.stdout).toMatch(
      /\n {4}S3 HeadObject: still at its key, aws:kms with arn:aws:kms:us-east-1:111122223333:key\/[\w-]+, macie-remediate-sealed=(\w{32})\n {4}ledger: QUARANTINED \(action SEAL\) by slack:U0ALICE001\n {4}Slack #macie-findings: "🔒 Sealed in place" \[Restore\]\n {4}Security Hub: RESOLVED — Sealed in place by Slack user U0ALICE001 on \S+: s3:\/\/macie-remediate-local-data\/hr\/benefits-enrolment\.txt re-encrypted with the quarantine key\.\n {4}list quarantined: finding \1, action SEAL\n/,
    );
    expect(run.stdout).toMatch(
      /\n {4}S3: s3:\/\/macie-remediate-local-data\/hr\/benefits-enrolment\.txt unsealed: encrypted as before \(not at all\), no marker, \d+ bytes identical to the upload\n/,
    );
    expect(run.stdout).toContain(
      'finding handler: IGNORED (the object is under the exempt prefix fixtures/ of bucket macie-remediate-local-data: exempt)',
    );
    // The loop closed: a lost event, a re-scan of restored bytes, a suppression Security Hub and Macie keep.
    expect(run.stdout).toMatch(
      /\n {4}reconciler \(local reconcile\): 1 new finding\(s\) among those Macie updated since its watermark\n {4}S3: s3:\/\/macie-remediate-local-data\/finance\/q3-ledger-export\.txt → s3:\/\/macie-remediate-local-quarantine\//,
    );
    expect(run.stdout).toMatch(
      /\n {4}finding \w{32} on s3:\/\/macie-remediate-local-data\/hr\/dummy-personal-data\.txt \(ETag \w+\) → finding handler: IGNORED \(restored by @U0ALICE001 on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(finding \w{32}\); the object is unchanged since\)\n/,
    );
    expect(run.stdout).toMatch(
      /\n {4}Security Hub: SUPPRESSED — Dismissed by Slack user U0ALICE001 on \S+\. Reason: demo: dismiss and suppress similar as planned\n/,
    );
    expect(run.stdout).toMatch(
      /\n {4}Macie findings filter \(ARCHIVE\) macie-remediate-macie-remediate-local-data-\w{8}: Archives SensitiveData:S3Object\/Personal findings in s3:\/\/macie-remediate-local-data\./,
    );
    expect(run.stdout).toMatch(
      /\n {4}S3: all \d+ requests on s3:\/\/macie-remediate-local-payroll\/ were signed by account 222233334444 \(its member role MacieRemediateMember\)\n/,
    );
    expect(run.stdout).toContain(
      'S3: s3://macie-remediate-local-payroll/payroll/dummy-personal-data.txt → s3://macie-remediate-local-quarantine/',
    );
    expect(run.stdout).toMatch(/\nDemo passed: 17 of 17 steps checked out in \d+\.\d s\.\n/);
    expect(run.stdout).toContain('macie-remediate demo --open');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('prints one JSON report with --json and narrates on stderr', async () => {
    // Act
    const run = await runCli(['demo', '--json'], { env: {}, cwd: home });

    // Assess
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; durationMs: number; steps: { status: string }[] };
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.status)).toEqual(STEPS.map(() => 'ok'));
    expect(run.stderr).toContain('✓ alice clicked Restore');
  });

  it('reports a step that does not check out with ✗, skips the rest and is not ok', async () => {
    // Prepare: Slack refuses every post, so no message announces the automatic quarantine
    const stateDir = mkdtempSync(join(tmpdir(), 'demo-failing-'));
    const stack = await startLocalStack({ stateDir });
    stack.slack.failNext('chat.postMessage', { error: 'channel_not_found' }, 100);
    const lines: string[] = [];
    const steps = new DemoSteps((line) => lines.push(line), new Chalk({ level: 0 }));

    // Act
    try {
      await runDemo(stack, steps);
    } finally {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }

    // Assess
    expect(steps.ok).toBe(false);
    expect(steps.reports.map((s) => s.status)).toEqual([
      'ok',
      'ok',
      'failed',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(lines).toContain(
      `✗ The Financial finding was quarantined automatically (policy AUTO) (${steps.reports[2]?.ms} ms)`,
    );
    expect(lines).toContain(
      `    Slack: no message about finding ${steps.reports[1]?.detail[0]?.match(/finding (\w{32})/)?.[1]} in #macie-findings`,
    );
    expect(lines.at(-1)).toBe('- alice clicked Dismiss and suppress similar: Macie archives the like (skipped)');
  });

  it('fails the automatic quarantine step when Security Hub does not hold the decision', async () => {
    // Prepare: Security Hub answers every call 500, so the RESOLVED status stays owed
    const stateDir = mkdtempSync(join(tmpdir(), 'demo-hub-'));
    const stack = await startLocalStack({ stateDir });
    stack.securityHub.down();
    const steps = new DemoSteps(() => undefined, new Chalk({ level: 0 }));

    // Act
    try {
      await runDemo(stack, steps);
    } finally {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }

    // Assess
    expect(steps.reports[2]).toMatchObject({
      title: 'The Financial finding was quarantined automatically (policy AUTO)',
      status: 'failed',
      detail: ['Security Hub: the workflow status is NEW, expected RESOLVED'],
    });
  });

  it("fails the member's restore step when a request on the member's bucket was signed by another account", async () => {
    // Prepare: the administrator's own credentials list the member's bucket once
    const stateDir = mkdtempSync(join(tmpdir(), 'demo-signers-'));
    const stack = await startLocalStack({ stateDir });
    await stack.s3.send(new ListObjectsV2Command({ Bucket: 'macie-remediate-local-payroll' }));
    const steps = new DemoSteps(() => undefined, new Chalk({ level: 0 }));

    // Act
    try {
      await runDemo(stack, steps);
    } finally {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }

    // Assess
    const failed = steps.reports.findIndex((step) => step.status === 'failed');
    expect(steps.reports[failed]).toMatchObject({
      title: "alice restored the Payroll file into its account's bucket",
      detail: ['S3: requests on macie-remediate-local-payroll were signed by 111122223333'],
    });
    expect(steps.reports.slice(0, failed).every((step) => step.status === 'ok')).toBe(true);
    expect(steps.reports.slice(failed + 1).every((step) => step.status === 'skipped')).toBe(true);
  });

  it('with --open stops at the review, keeps the channel page up with the review on it, and stops on Ctrl-C', async () => {
    // Prepare
    const child = spawn(process.execPath, [BIN, 'demo', '--open'], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    try {
      // Act
      const [, url] = await lineMatching(child, /Open the local Slack channel: (http:\/\/127\.0\.0\.1:\d+)\n/);
      const page = await (await fetch(url ?? '')).text();
      child.kill('SIGINT');

      // Assess
      expect(await exited).toBe(0);
      expect(page).toContain('Sensitive data found: review needed');
      expect(page).toContain('data-action-id="remediate"');
      expect(page).toContain('Payroll (222233334444)');
      expect(stdout).toContain("export AWS_ENDPOINT_URL_S3='http://127.0.0.1:");
      expect(stdout).toMatch(/\nDemo passed: 6 of 6 steps checked out in \d+\.\d s\.\n$/);
      expect(stdout).not.toContain('bob clicked');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
