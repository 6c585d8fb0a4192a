/** The ASFF fields the stand-in keeps and answers (a subset of AwsSecurityFinding, as JSON). */
interface AsffFinding {
  readonly SchemaVersion: string;
  readonly Id: string;
  readonly ProductArn: string;
  readonly ProductName: string;
  readonly CompanyName: string;
  readonly Region: string;
  readonly GeneratorId: string;
  readonly AwsAccountId: string;
  readonly Types: readonly string[];
  readonly CreatedAt: string;
  readonly UpdatedAt: string;
  readonly Severity: { readonly Label: string };
  readonly Title: string;
  readonly Description: string;
  readonly ProductFields: Readonly<Record<string, string>>;
  readonly Resources: readonly { readonly Type: string; readonly Id: string; readonly Region?: string }[];
  readonly Workflow: { readonly Status: string };
  readonly WorkflowState: string;
  readonly RecordState: string;
  readonly Note?: { readonly Text: string; readonly UpdatedBy: string; readonly UpdatedAt: string };
  readonly UserDefinedFields?: Readonly<Record<string, string>>;
}

/** Security Hub's product ARN for Amazon Macie in a Region. */
const macieProductArn = (region: string): string => `arn:aws:securityhub:${region}::product/aws/macie`;

export type { AsffFinding };
export { macieProductArn };
