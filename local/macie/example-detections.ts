import type { Occurrences } from '@aws-sdk/client-macie2';
import type { SensitiveDataType } from '../../core/types';
import type { SensitiveDataJson, Wire } from './types';

/** Macie reports at most 15 occurrence locations per detection. */
const MAX_LOCATIONS = 15;

/** Example occurrence locations of the kind Macie reports for a file type (cells, records, pages or lines). */
function exampleOccurrences(extension: string, count: number): Wire<Occurrences> {
  const n = Math.min(count, MAX_LOCATIONS);
  const indexes = Array.from({ length: n }, (_, i) => i);
  switch (extension.toLowerCase()) {
    case 'csv':
    case 'tsv':
    case 'xls':
    case 'xlsx':
      return { cells: indexes.map((i) => ({ row: i + 2, column: 2, columnName: 'value', cellReference: null })) };
    case 'json':
    case 'jsonl':
    case 'avro':
    case 'parquet':
      return { records: indexes.map((i) => ({ recordIndex: 0, jsonPath: `$.records[${i}].value` })) };
    case 'pdf':
      return {
        pages: indexes.map((i) => ({
          pageNumber: 1,
          lineRange: { start: i + 1, end: i + 1, startColumn: 1 },
          offsetRange: null,
        })),
      };
    default:
      return { lineRanges: indexes.map((i) => ({ start: i + 1, end: i + 1, startColumn: 1 })) };
  }
}

function item(category: string, extension: string, detections: readonly [string, number][]): SensitiveDataJson {
  return {
    category,
    totalCount: detections.reduce((sum, [, count]) => sum + count, 0),
    detections: detections.map(([type, count]) => ({ type, count, occurrences: exampleOccurrences(extension, count) })),
  };
}

/** Plausible detections for a finding type; CustomIdentifier findings carry theirs in customDataIdentifiers. */
function exampleSensitiveData(type: SensitiveDataType, extension: string): SensitiveDataJson[] {
  const financial = () => item('FINANCIAL_INFORMATION', extension, [['CREDIT_CARD_NUMBER', 3]]);
  const personal = () =>
    item('PERSONAL_INFORMATION', extension, [
      ['NAME', 2],
      ['ADDRESS', 1],
    ]);
  switch (type) {
    case 'SensitiveData:S3Object/Financial':
      return [financial()];
    case 'SensitiveData:S3Object/Personal':
      return [personal()];
    case 'SensitiveData:S3Object/Credentials':
      return [item('CREDENTIALS', extension, [['AWS_CREDENTIALS', 1]])];
    case 'SensitiveData:S3Object/Multiple':
      return [financial(), personal()];
    case 'SensitiveData:S3Object/CustomIdentifier':
      return [];
  }
}

function exampleCustomDetections(type: SensitiveDataType, extension: string, accountId: string) {
  if (type !== 'SensitiveData:S3Object/CustomIdentifier') return { totalCount: 0, detections: [] };
  return {
    totalCount: 3,
    detections: [
      {
        arn: `arn:aws:macie2:us-east-1:${accountId}:custom-data-identifier/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
        name: 'employee-id',
        count: 3,
        occurrences: exampleOccurrences(extension, 3),
      },
    ],
  };
}

export { exampleCustomDetections, exampleSensitiveData, MAX_LOCATIONS };
