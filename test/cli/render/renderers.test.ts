import { Writable } from 'node:stream';
import { auditRow, renderAuditCsv } from '../../../cli/render/audit';
import { renderBackfillReport } from '../../../cli/render/backfill-report';
import { renderFindings } from '../../../cli/render/findings';
import { renderHistory } from '../../../cli/render/history';
import { JsonResultsWriter } from '../../../cli/render/json-results-writer';
import { renderPlan } from '../../../cli/render/plan';
import { renderQuarantined } from '../../../cli/render/quarantined';
import type { RenderStyle } from '../../../cli/render/render-style';
import { orderedResult, runDocument } from '../../../cli/render/run-document';
import { renderRunResults } from '../../../cli/render/run-results';
import { terminalText } from '../../../cli/render/terminal-text';
import type { LedgerRecord } from '../../../core/types/ledger';
import type { RemediationResult } from '../../../core/types/outcome';

const PLAIN: RenderStyle = { boxed: false, color: false };
const BOXED: RenderStyle = { boxed: true, color: false };
const COLOR: RenderStyle = { boxed: true, color: true };
const ESC = '\u001b[';

const quarantined = (n: number): RemediationResult => ({
  findingId: `f${n}`,
  outcome: 'QUARANTINED',
  source: { bucket: 'payroll', key: `k${n}.csv` },
  quarantine: { bucket: 'q', key: `f${n}/payroll/k${n}.csv` },
});

describe('Function: renderRunResults', () => {
  it('prints each item and the counts per outcome as aligned columns when not on a terminal', () => {
    // Prepare
    const document = runDocument([
      quarantined(1),
      {
        findingId: 'f2',
        outcome: 'STALE',
        source: { bucket: 'payroll', key: 'k2.csv', versionId: 'v2' },
        reason: 'changed',
      },
    ]);

    const accounts = new Map([
      ['f1', { account: '222233334444', name: 'Payroll Prod' }],
      ['f2', { account: '111122223333' }],
    ]);

    // Act
    const text = renderRunResults(document, PLAIN, accounts);

    // Assess
    expect(text.split('\n')).toEqual([
      'finding  account                      outcome      object                            quarantine key     reason',
      'f1       Payroll Prod (222233334444)  QUARANTINED  s3://payroll/k1.csv               f1/payroll/k1.csv',
      'f2       111122223333                 STALE        s3://payroll/k2.csv (version v2)  -                  changed',
      'outcome      count',
      'QUARANTINED  1',
      'STALE        1',
    ]);
    expect(text).not.toContain(ESC);
  });

  it('on a terminal lists only the items needing a look when there are many, and says how to see all', () => {
    // Prepare
    const results = [
      ...Array.from({ length: 30 }, (_, i) => quarantined(i)),
      { ...quarantined(99), outcome: 'FAILED' as const, reason: 'AccessDenied' },
    ];

    // Act
    const text = renderRunResults(runDocument(results), BOXED, new Map());

    // Assess
    expect(text).toContain('┌');
    expect(text).toContain('f99');
    expect(text).not.toContain('f1/payroll');
    expect(text).toContain('(30 more items with expected outcomes: --json lists every item)');
    expect(text).toMatch(/QUARANTINED\s*│\s*30/);
  });

  it('says what an interruption left undone, and colors outcomes only when asked', () => {
    const text = renderRunResults(runDocument([quarantined(1)]), COLOR, new Map(), { notStarted: 7 });
    expect(text).toContain('Interrupted: 7 not started. Run the same command again to finish them.');
    expect(text).toContain(`${ESC}32mQUARANTINED`);
  });

  it('says when there was nothing to do', () => {
    expect(renderRunResults(runDocument([]), PLAIN, new Map())).toBe('Nothing to do.');
  });
});

describe('Function: runDocument', () => {
  it('counts outcomes in the contract order', () => {
    const document = runDocument([
      { findingId: 'a', outcome: 'FAILED', source: { bucket: 'b', key: 'k' } },
      quarantined(1),
      quarantined(2),
    ]);
    expect(JSON.stringify(document.summary)).toBe('{"QUARANTINED":2,"FAILED":1}');
  });
});

describe('Class: JsonResultsWriter', () => {
  it('streams exactly one JSON document of the run shape, empty or not', async () => {
    for (const count of [0, 1, 3]) {
      // Prepare
      let text = '';
      const sink = new Writable({
        write(chunk, _enc, done) {
          text += chunk.toString();
          done();
        },
      });
      const writer = new JsonResultsWriter(sink);

      // Act
      for (let i = 0; i < count; i++) await writer.add(quarantined(i));
      writer.end({ QUARANTINED: count });

      // Assess
      expect(JSON.parse(text)).toEqual({
        results: Array.from({ length: count }, (_, i) => quarantined(i)),
        summary: { QUARANTINED: count },
      });
    }
  });
});

describe('Function: renderFindings', () => {
  it('shows each finding with its decision and ledger state, and says when the ledger is unknown', () => {
    const row = {
      id: 'f1',
      type: 'SensitiveData:S3Object/Financial',
      severity: 'High',
      bucket: 'payroll',
      key: 'march.csv',
      account: '111122223333',
      createdAt: '2026-11-01T10:00:00.000Z',
      decision: 'AUTO' as const,
      status: null,
    };
    const member = { ...row, id: 'f2', account: '222233334444', status: 'QUARANTINED' as const };
    const accountNames = new Map([['222233334444', 'Payroll Prod']]);
    const withLedger = renderFindings([row, member], PLAIN, { ledger: true, accountNames });
    expect(withLedger.split('\n')).toEqual([
      'finding  account                      created               type       severity  object                  decision  status',
      'f1       111122223333                 2026-11-01T10:00:00Z  Financial  High      s3://payroll/march.csv  AUTO      new',
      'f2       Payroll Prod (222233334444)  2026-11-01T10:00:00Z  Financial  High      s3://payroll/march.csv  AUTO      QUARANTINED',
      '2 finding(s)',
    ]);
    expect(renderFindings([row], PLAIN, { ledger: false })).toContain('(no ledger configured: status unknown)');
    expect(renderFindings([], PLAIN, { ledger: true })).toBe('No findings match.');
  });
});

describe('Function: renderQuarantined', () => {
  it('shows from where, when and by whom', () => {
    const text = renderQuarantined(
      [
        {
          findingId: 'f1',
          source: { bucket: 'payroll', key: 'march.csv', versionId: 'v1' },
          quarantine: { bucket: 'q', key: 'f1/payroll/march.csv' },
          quarantinedAt: '2026-11-27T12:00:00.123Z',
          actor: 'slack:U0ALICE',
          action: 'QUARANTINE',
        },
      ],
      PLAIN,
      new Map([['f1', { account: '222233334444', name: 'Payroll Prod' }]]),
    );
    expect(text.split('\n')).toEqual([
      'finding  account                      from                                 quarantined at        by             quarantine key',
      'f1       Payroll Prod (222233334444)  s3://payroll/march.csv (version v1)  2026-11-27T12:00:00Z  slack:U0ALICE  f1/payroll/march.csv',
      '1 object(s) in quarantine',
    ]);
    expect(renderQuarantined([], PLAIN, new Map())).toBe('Nothing is in quarantine.');
  });

  it('names the action in a column shown only when something was sealed or tagged instead of moved', () => {
    const text = renderQuarantined(
      [
        {
          findingId: 'f1',
          source: { bucket: 'payroll', key: 'march.csv' },
          quarantine: null,
          quarantinedAt: '2026-11-27T12:00:00Z',
          actor: 'auto',
          action: 'SEAL',
        },
      ],
      PLAIN,
      new Map(),
    );
    expect(text.split('\n')[0]).toMatch(/quarantine key\s+action$/);
    expect(text.split('\n')[1]).toMatch(/ -\s+sealed in place$/);
    expect(text.split('\n')[2]).toBe('1 object(s) remediated (in quarantine, or sealed or tagged in place)');
  });

  it('marks a restore waiting for its second approver, in a column shown only then', () => {
    const row = {
      findingId: 'f1',
      source: { bucket: 'payroll', key: 'march.csv' },
      quarantine: { bucket: 'q', key: 'f1/payroll/march.csv' },
      quarantinedAt: '2026-11-27T12:00:00Z',
      actor: 'auto',
      action: 'QUARANTINE',
    } as const;
    const text = renderQuarantined(
      [row, { ...row, findingId: 'f2', restoreApproval: { approver: 'slack:U0ALICE', at: '2026-11-27T13:00:00Z' } }],
      PLAIN,
      new Map(),
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/quarantine key\s+restore$/);
    expect(lines[1]).toMatch(/ -$/);
    expect(lines[2]).toMatch(/1 of 2 approvals \(slack:U0ALICE\)$/);
  });
});

const record: LedgerRecord = {
  findingId: 'f1',
  state: 'QUARANTINED',
  objectIdentity: '111122223333/us-east-1/payroll/march.csv#abc',
  findingType: 'SensitiveData:S3Object/Financial',
  severity: 'High',
  source: { bucket: 'payroll', key: 'march.csv', eTag: 'abc' },
  decision: 'REVIEW',
  quarantine: { bucket: 'q', key: 'f1/payroll/march.csv' },
  slack: { channel: 'C1', ts: '1.2', postedAt: '2026-11-27T12:00:00.000Z' },
  createdAt: '2026-11-27T12:00:00.000Z',
  updatedAt: '2026-11-27T12:05:00.000Z',
  version: 4,
  history: [
    {
      at: '2026-11-27T12:00:00.000Z',
      actor: 'auto',
      action: 'received',
      detail: 'Financial findings are set to REVIEW',
    },
    { at: '2026-11-27T12:04:00.000Z', actor: 'slack:U0ALICE', action: 'remediate-requested' },
    { at: '2026-11-27T12:05:00.000Z', actor: 'slack:U0ALICE', action: 'quarantined', outcome: 'QUARANTINED' },
  ],
};

describe('Function: renderHistory', () => {
  it('shows the record, then every event in order', () => {
    const lines = renderHistory(record, PLAIN).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'finding     f1',
      'type        SensitiveData:S3Object/Financial (High)',
      'object      s3://payroll/march.csv',
      'decision    REVIEW',
    ]);
    expect(lines).toContain('quarantine  s3://q/f1/payroll/march.csv');
    expect(lines.slice(-3)).toEqual([
      '2026-11-27T12:00:00.000Z  received             auto                        Financial findings are set to REVIEW',
      '2026-11-27T12:04:00.000Z  remediate-requested  slack:U0ALICE',
      '2026-11-27T12:05:00.000Z  quarantined          slack:U0ALICE  QUARANTINED',
    ]);
  });
});

describe('Function: renderAuditCsv', () => {
  it('writes a header and one RFC 4180 row per event, quoting, defusing formulas and escaping control characters', () => {
    // Prepare
    const awkward: LedgerRecord = { ...record, source: { bucket: 'payroll', key: '=HYPERLINK("x"),"q".csv' } };
    const rows = [
      auditRow(record, record.history[0] ?? { at: '', actor: '', action: '' }),
      auditRow(awkward, { at: 't', actor: '@me', action: 'note', detail: 'line\nbreak\u001b[2J\u202e' }),
    ];

    // Act
    const csv = renderAuditCsv(rows);

    // Assess
    expect(csv.split('\r\n')).toEqual([
      'time,findingId,type,severity,bucket,key,action,actor,outcome,detail,reason',
      '2026-11-27T12:00:00.000Z,f1,SensitiveData:S3Object/Financial,High,payroll,march.csv,received,auto,,Financial findings are set to REVIEW,',
      `t,f1,SensitiveData:S3Object/Financial,High,payroll,"'=HYPERLINK(""x""),""q"".csv",note,'@me,,line\\nbreak\\e[2J\\u202e,`,
      '',
    ]);
  });
});

describe('Function: renderBackfillReport', () => {
  const base = {
    dryRun: false,
    findings: 120,
    pages: 3,
    fresh: 100,
    seenBefore: 10,
    seconds: 4,
    summary: { QUARANTINED: 60, NOTIFIED: 40, IGNORED: 10, ALREADY_QUARANTINED: 10 },
    failures: [],
  };

  it('reports counts, speed and what was new', () => {
    const text = renderBackfillReport({ ...base, status: 'complete' }, PLAIN);
    expect(text).toContain('Backfill complete: 120 finding(s), 3 page(s) in 4.0 s (30.0 findings/s)');
    expect(text).toContain('New: 100; already in the ledger (nothing new): 10; ignored by the policy: 10.');
    expect(text).toMatch(/NOTIFIED\s+40/);
    expect(text).not.toContain('To finish');
  });

  it('says how to finish an interrupted or stopped run, and lists failures with their account', () => {
    const text = renderBackfillReport(
      {
        ...base,
        status: 'stopped',
        error: 'Internal server error',
        resumedAfter: { pages: 2, findings: 100 },
        failures: [{ findingId: 'f9', account: '222233334444', reason: 'AccessDenied' }],
        resumeCommand: 'macie-remediate backfill --resume',
      },
      PLAIN,
    );
    expect(text).toContain('Backfill stopped: 120 finding(s)');
    expect(text).toContain('Resumed after 2 page(s), 100 finding(s) done earlier.');
    expect(text).toMatch(/f9\s+222233334444\s+AccessDenied/);
    expect(text).toContain('Stopped by: Internal server error');
    expect(text).toContain('To finish: macie-remediate backfill --resume');
  });
});

describe('Function: renderPlan', () => {
  it('shows the objects, the skipped findings and the total', () => {
    const text = renderPlan(
      {
        version: 1,
        kind: 'remediate',
        createdAt: '2026-11-27T12:00:00.000Z',
        createdBy: 'cli:alice',
        quarantineBucket: 'q',
        force: false,
        skipped: [{ findingId: 'f2', outcome: 'IGNORED', source: { bucket: 'b', key: 'k' } }],
        items: [
          {
            findingId: 'f1',
            type: 'SensitiveData:S3Object/Financial',
            severity: 'High',
            decision: 'AUTO',
            object: { bucket: 'payroll', key: 'march.csv', size: 2048, eTag: 'abc' },
            target: { bucket: 'q', key: 'f1/payroll/march.csv' },
          },
        ],
      },
      PLAIN,
    );
    expect(text.split('\n')).toEqual([
      'finding  type            object                  size     quarantine key',
      'f1       Financial High  s3://payroll/march.csv  2.0 KiB  f1/payroll/march.csv',
      'Skipped 1: 1 IGNORED',
      '1 object(s), 2.0 KiB, to quarantine in s3://q',
    ]);
  });
});

describe('Function: orderedResult', () => {
  it('puts the keys in the order of the --json contract', () => {
    const result = orderedResult({
      reason: 'r',
      quarantine: { bucket: 'q', key: 'k' },
      source: { bucket: 'b', key: 'k' },
      outcome: 'RESTORED',
      findingId: 'f',
    } as RemediationResult);
    expect(Object.keys(result)).toEqual(['findingId', 'outcome', 'source', 'quarantine', 'reason']);
  });
});

describe('Function: terminalText, in every renderer', () => {
  /** A key that clears the screen, returns the cursor and reverses the text after it. */
  const HOSTILE = 'a\u001b[2J\rb\u202ecod.exe\u0008\u007f\u009b\u2066';
  const SHOWN = 'a\\e[2J\\rb\\u202ecod.exe\\b\\x7f\\x9b\\u2066';
  const SGR = new RegExp(`${ESC.replace('[', '\\[')}[0-9;]*m`, 'g');
  /** What may stay raw: the colour codes the CLI writes itself (SGR, `ESC[…m`), and line ends. */
  const rawControls = (text: string): string[] =>
    text.replaceAll(SGR, '').match(/(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu) ?? [];

  it('escapes C0/C1 controls, DEL and bidi marks, and nothing else', () => {
    expect(terminalText(HOSTILE)).toBe(SHOWN);
    expect(terminalText('payroll/2026 März (copy)\\x1b.csv')).toBe('payroll/2026 März (copy)\\x1b.csv');
  });

  it('shows hostile keys, buckets, actors and reasons escaped in tables, plans, history and reports, colours intact', () => {
    // Prepare
    const source = { bucket: `payroll${HOSTILE}`, key: HOSTILE };
    const result: RemediationResult = { findingId: 'f1', outcome: 'FAILED', source, reason: `NoSuchKey ${HOSTILE}` };
    const hostileRecord: LedgerRecord = {
      ...record,
      source: { ...source, eTag: 'abc' },
      quarantine: { bucket: 'q', key: HOSTILE },
      history: [{ at: '2026-11-27T12:00:00.000Z', actor: HOSTILE, action: 'received', detail: HOSTILE }],
    };

    // Act
    const texts = [
      renderRunResults(runDocument([result]), COLOR, new Map([['f1', { account: '222233334444', name: HOSTILE }]]), {
        stopped: HOSTILE,
      }),
      renderPlan(
        {
          version: 1,
          kind: 'remediate',
          createdAt: '2026-11-27T12:00:00.000Z',
          createdBy: 'cli:alice',
          quarantineBucket: 'q',
          force: false,
          skipped: [],
          items: [
            {
              findingId: 'f1',
              type: `SensitiveData:S3Object/${HOSTILE}`,
              severity: 'High',
              decision: 'AUTO',
              object: { ...source, size: 1, eTag: 'abc' },
              target: { bucket: 'q', key: HOSTILE },
            },
          ],
        },
        COLOR,
      ),
      renderHistory(hostileRecord, COLOR),
      renderQuarantined(
        [
          {
            findingId: 'f1',
            source,
            quarantine: { bucket: 'q', key: HOSTILE },
            quarantinedAt: 'now',
            actor: HOSTILE,
            action: 'QUARANTINE',
          },
        ],
        COLOR,
        new Map(),
      ),
      renderFindings(
        [
          {
            ...source,
            id: 'f1',
            type: HOSTILE,
            severity: 'High',
            account: '222233334444',
            createdAt: 'now',
            decision: 'AUTO',
            status: null,
          },
        ],
        COLOR,
        { ledger: true, accountNames: new Map([['222233334444', HOSTILE]]) },
      ),
      renderBackfillReport(
        {
          status: 'stopped',
          error: HOSTILE,
          dryRun: false,
          findings: 1,
          pages: 1,
          fresh: 1,
          seenBefore: 0,
          seconds: 1,
          summary: { FAILED: 1 },
          failures: [result],
        },
        COLOR,
      ),
    ];

    // Assess
    for (const text of texts) {
      expect(rawControls(text)).toEqual([]);
      expect(text).toContain(SHOWN.slice(0, 20));
      expect(text).toContain(`${ESC}`);
    }
  });
});
