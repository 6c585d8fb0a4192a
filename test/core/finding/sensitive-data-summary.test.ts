import { sensitiveDataSummary } from '../../../core/finding/sensitive-data-summary';
import { buildFinding } from '../../support/fixtures';

describe('sensitiveDataSummary', () => {
  it('counts per category and per detection type, largest first, custom identifiers included', () => {
    // Prepare
    const finding = buildFinding({ type: 'Multiple' });

    // Act
    const summary = sensitiveDataSummary(finding);

    // Assess
    expect(summary).toStrictEqual({
      total: 8,
      categories: [
        { category: 'PERSONAL_INFORMATION', count: 6 },
        { category: 'FINANCIAL_INFORMATION', count: 1 },
      ],
      detections: [
        { type: 'NAME', count: 4 },
        { type: 'PASSPORT_NUMBER', count: 2 },
        { type: 'BANK_ACCOUNT_NUMBER', count: 1 },
      ],
      customIdentifiers: 1,
      text: '4 NAME, 2 PASSPORT_NUMBER, 1 BANK_ACCOUNT_NUMBER, 1 custom identifier',
    });
  });

  it('merges a detection type reported under two categories', () => {
    // Act
    const summary = sensitiveDataSummary({
      sensitiveData: [
        { category: 'A', totalCount: 2, detections: [{ type: 'NAME', count: 2 }] },
        { category: 'B', totalCount: 3, detections: [{ type: 'NAME', count: 3 }] },
      ],
      customIdentifierCount: 0,
    });

    // Assess
    expect(summary.detections).toEqual([{ type: 'NAME', count: 5 }]);
    expect(summary.text).toBe('5 NAME');
  });

  it('summarises a custom-identifier finding, which has no managed detections', () => {
    expect(sensitiveDataSummary(buildFinding({ type: 'CustomIdentifier' })).text).toBe('3 custom identifiers');
  });

  it('says so when nothing was reported', () => {
    expect(sensitiveDataSummary({ sensitiveData: [], customIdentifierCount: 0 })).toMatchObject({
      total: 0,
      text: 'no detections reported',
    });
  });
});
