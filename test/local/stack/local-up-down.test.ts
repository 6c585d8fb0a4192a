import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { hasExited, stopDetachedStack } from '../../../local/stack/detached-stack';
import { runBin } from '../../support/run-bin';

describe('macie-remediate local up / local down', () => {
  let home: string;
  let stateDir: string;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'local-up-'));
    stateDir = join(home, 'state');
  });
  afterAll(async () => {
    // Whatever a failed assertion left running.
    await stopDetachedStack(stateDir);
    rmSync(home, { recursive: true, force: true });
  });

  it('keeps a stack running after the command returns, serves every command through its environment, and stops and purges it', async () => {
    // Prepare: HOME is a temp dir, so no AWS profile or user cache is involved
    const shell = { HOME: home };

    // Act: up (the command returns while the stack lives on), up again, a CLI command against it
    const up = await runBin(['local', 'up', '--state-dir', stateDir, '--json'], { env: shell, cwd: home });
    const env = JSON.parse(up.stdout) as Record<string, string>;
    const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { pid: number };
    const again = await runBin(['local', 'up', '--state-dir', stateDir], { env: shell, cwd: home });
    const list = await runBin(['list', 'findings', '--json'], { env: { ...shell, ...env }, cwd: home });
    // The member account's object, moved by this CLI process with the member role it assumes from the stack's STS.
    const remediate = await runBin(['remediate', '--account', '222233334444', '--yes'], {
      env: { ...shell, ...env },
      cwd: home,
    });
    // Every finding is known by now: the run finds nothing new and owes nothing.
    const reconcile = await runBin(['local', 'reconcile', '--state-dir', stateDir], { env: shell, cwd: home });

    // Assess
    expect(up.code).toBe(0);
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_S3: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      AWS_ENDPOINT_URL_DYNAMODB: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      AWS_ENDPOINT_URL_MACIE2: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      AWS_ENDPOINT_URL_STS: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      MACIE_REMEDIATE_MEMBER_ACCOUNTS: '222233334444',
      SLACK_API_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/),
      MACIE_REMEDIATE_QUARANTINE_BUCKET: 'macie-remediate-local-quarantine',
      MACIE_REMEDIATE_LEDGER_TABLE: 'macie-remediate-local-ledger',
    });
    expect(hasExited(state.pid)).toBe(false);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`already running (pid ${state.pid})`);
    expect(again.stdout).toContain(`export AWS_ENDPOINT_URL_S3='${env.AWS_ENDPOINT_URL_S3}'\n`);
    expect(list.code).toBe(0);
    const findings = JSON.parse(list.stdout) as { type: string; account: string; status: string }[];
    expect(findings.map((f) => `${f.account} ${f.type} ${f.status}`).sort()).toEqual([
      '111122223333 SensitiveData:S3Object/Financial QUARANTINED',
      '111122223333 SensitiveData:S3Object/Personal AWAITING_REVIEW',
      '222233334444 SensitiveData:S3Object/Personal AWAITING_REVIEW',
    ]);
    expect(remediate.code).toBe(0);
    expect(remediate.stdout).toMatch(
      /Payroll \(222233334444\) +QUARANTINED +s3:\/\/macie-remediate-local-payroll\/payroll\/dummy-personal-data\.txt/,
    );
    expect(reconcile).toMatchObject({ code: 0, stderr: '' });
    expect(reconcile.stdout).toMatch(
      /^Macie: 3 finding\(s\) updated since the watermark, 0 new to the ledger \(.*\)\nLedger: 0 record\(s\) owing a message or a job taken up again\nComplete; the next run reads Macie from \d{4}-\S+Z\.\n$/,
    );

    // Act & Assess: s3rver pages listings with DES tokens, which the stack's process can make
    const s3 = new S3Client({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    });
    const Bucket = 'macie-remediate-local-data';
    for (const name of ['a', 'b', 'c'])
      await s3.send(new PutObjectCommand({ Bucket, Key: `page/${name}`, Body: name }));
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 1 }, { Bucket, Prefix: 'page/' })) {
      keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    }
    expect(keys).toEqual(['page/a', 'page/b', 'page/c']);
    expect((await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'page/', MaxKeys: 1 }))).IsTruncated).toBe(true);
    s3.destroy();

    // Act: down --purge, then down with nothing running
    const down = await runBin(['local', 'down', '--state-dir', stateDir, '--purge'], { env: shell, cwd: home });
    const downAgain = await runBin(['local', 'down', '--state-dir', stateDir], { env: shell, cwd: home });
    const reconcileDown = await runBin(['local', 'reconcile', '--state-dir', stateDir], { env: shell, cwd: home });

    // Assess
    expect(down.code).toBe(0);
    expect(down.stderr).toContain(`Stopped the local stack (pid ${state.pid}).`);
    expect(hasExited(state.pid)).toBe(true);
    expect(existsSync(stateDir)).toBe(false);
    expect([downAgain.code, downAgain.stderr]).toEqual([0, 'No local stack was running.\n']);
    expect([reconcileDown.code, reconcileDown.stdout, reconcileDown.stderr]).toEqual([
      2,
      '',
      'No local stack is running: start one with macie-remediate local up\n',
    ]);
  });
});
