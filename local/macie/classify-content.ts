import type { SensitiveDataType } from '../../core/types';
import { MAX_LOCATIONS } from './example-detections';
import type { SensitiveDataJson } from './types';

interface ObjectContent {
  readonly key: string;
  /** The object's text (its first MiB). */
  readonly text: string;
}

interface Classification {
  readonly type: SensitiveDataType;
  readonly sensitiveData: readonly SensitiveDataJson[];
}

/** Decides which finding, if any, an object gets. */
type Classifier = (object: ObjectContent) => Classification | undefined;

interface Detector {
  readonly type: string;
  readonly pattern: RegExp;
  readonly accept?: (match: string) => boolean;
}

interface Category {
  readonly name: string;
  readonly findingType: SensitiveDataType;
  readonly detectors: readonly Detector[];
  /** Key names that get this finding when the content matched nothing. */
  readonly keyHint: RegExp;
}

/** Luhn checksum, so only plausible card numbers count (the published test numbers pass it). */
function luhn(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** In this order: the first category with a detection decides the finding type. */
const CATEGORIES: readonly Category[] = [
  {
    name: 'CREDENTIALS',
    findingType: 'SensitiveData:S3Object/Credentials',
    detectors: [{ type: 'AWS_CREDENTIALS', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g }],
    keyHint: /credential|secret|password/i,
  },
  {
    name: 'FINANCIAL_INFORMATION',
    findingType: 'SensitiveData:S3Object/Financial',
    detectors: [
      { type: 'CREDIT_CARD_NUMBER', pattern: /\b\d(?:[ -]?\d){12,18}\b/g, accept: luhn },
      { type: 'BANK_ACCOUNT_NUMBER', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g },
    ],
    keyHint: /financ|payment|card|bank|invoice/i,
  },
  {
    name: 'PERSONAL_INFORMATION',
    findingType: 'SensitiveData:S3Object/Personal',
    detectors: [
      { type: 'NAME', pattern: /\b(?:[Ff]ull [Nn]ame|[Nn]ame)\s*:\s*\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+/gu },
      {
        type: 'ADDRESS',
        pattern:
          /\b\d{1,5}\s+(?:\p{Lu}\p{Ll}+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl)\b/gu,
      },
      { type: 'USA_SOCIAL_SECURITY_NUMBER', pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
      { type: 'PHONE_NUMBER', pattern: /\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b/g },
    ],
    keyHint: /personal|customer|employee|people|pii|hr\//i,
  },
];

/** Runs one detector over the text; occurrences are 1-based line ranges like Macie's for text files. */
function detect(lines: readonly string[], detector: Detector) {
  const locations: { start: number; end: number; startColumn: number }[] = [];
  let count = 0;
  lines.forEach((line, index) => {
    for (const match of line.matchAll(detector.pattern)) {
      if (detector.accept && !detector.accept(match[0])) continue;
      count++;
      if (locations.length < MAX_LOCATIONS) {
        locations.push({ start: index + 1, end: index + 1, startColumn: (match.index ?? 0) + 1 });
      }
    }
  });
  return { type: detector.type, count, occurrences: { lineRanges: locations } };
}

/**
 * The stand-in's stand-in for Macie's managed data identifiers, good enough for the demo samples:
 * 1. AWS access key ids → Credentials; 2. Luhn-valid card numbers or IBANs → Financial;
 * 3. `Name:`/`Full name:` labels, street addresses, SSNs or phone numbers → Personal.
 * The first category found decides, and only its detections are reported (names beside card numbers are
 * cardholder data), so it never reports Multiple. With no match, a telling key name decides
 * (`financ|payment|card|bank|invoice` → Financial, `personal|customer|employee|people|pii|hr/` → Personal,
 * `credential|secret|password` → Credentials); otherwise the object gets no finding.
 */
const classifyContent: Classifier = ({ key, text }) => {
  const lines = text.split(/\r?\n/);
  for (const category of CATEGORIES) {
    const detections = category.detectors.map((d) => detect(lines, d)).filter((d) => d.count > 0);
    if (detections.length > 0) {
      const totalCount = detections.reduce((sum, d) => sum + d.count, 0);
      return { type: category.findingType, sensitiveData: [{ category: category.name, totalCount, detections }] };
    }
  }
  const hinted = CATEGORIES.find((category) => category.keyHint.test(key));
  return hinted ? { type: hinted.findingType, sensitiveData: [] } : undefined;
};

export type { Classification, Classifier, ObjectContent };
export { classifyContent };
