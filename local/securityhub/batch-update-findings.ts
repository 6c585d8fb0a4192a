import type { AsffFinding } from './asff';
import { SecurityHubApiError } from './securityhub-errors';

const STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'];

interface Identifier {
  readonly Id: string;
  readonly ProductArn: string;
}

interface UpdateRequest {
  readonly identifiers: readonly Identifier[];
  readonly status?: string;
  readonly note?: { readonly Text: string; readonly UpdatedBy: string };
  readonly fields?: Readonly<Record<string, string>>;
}

const invalid = (message: string) => new SecurityHubApiError('InvalidInputException', message);

/** The request, checked against BatchUpdateFindings' documented limits. */
function parseUpdate(body: unknown): UpdateRequest {
  const { FindingIdentifiers, Workflow, Note, UserDefinedFields } = (body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(FindingIdentifiers) || FindingIdentifiers.length < 1 || FindingIdentifiers.length > 100) {
    throw invalid('FindingIdentifiers must hold 1 to 100 identifiers.');
  }
  const identifiers = FindingIdentifiers.map((id: { Id?: unknown; ProductArn?: unknown }) => {
    if (typeof id?.Id !== 'string' || typeof id.ProductArn !== 'string') {
      throw invalid('Each FindingIdentifier needs an Id and a ProductArn.');
    }
    return { Id: id.Id, ProductArn: id.ProductArn };
  });
  const status = (Workflow as { Status?: unknown } | undefined)?.Status;
  if (status !== undefined && !STATUSES.includes(String(status))) {
    throw invalid(`Workflow.Status must be one of ${STATUSES.join(', ')}.`);
  }
  const note = Note as { Text?: unknown; UpdatedBy?: unknown } | undefined;
  if (note !== undefined) {
    for (const part of ['Text', 'UpdatedBy'] as const) {
      const value = note[part];
      if (typeof value !== 'string' || value.length < 1 || value.length > 512) {
        throw invalid(`Note.${part} must be 1 to 512 characters.`);
      }
    }
  }
  const fields = UserDefinedFields as Record<string, unknown> | undefined;
  if (fields !== undefined) {
    const entries = Object.entries(fields);
    if (entries.length > 50) throw invalid('UserDefinedFields may hold at most 50 fields.');
    for (const [name, value] of entries) {
      if (name.length < 1 || name.length > 128 || typeof value !== 'string' || value.length > 1024) {
        throw invalid('UserDefinedFields keys must be 1 to 128 characters and values at most 1,024.');
      }
    }
  }
  return {
    identifiers,
    ...(typeof status === 'string' ? { status } : {}),
    ...(note ? { note: { Text: String(note.Text), UpdatedBy: String(note.UpdatedBy) } } : {}),
    ...(fields ? { fields: fields as Record<string, string> } : {}),
  };
}

/** One finding after the update: workflow status, note (stamped), user-defined fields merged. */
function applyUpdate(finding: AsffFinding, update: UpdateRequest, at: string): AsffFinding {
  return {
    ...finding,
    UpdatedAt: at,
    ...(update.status ? { Workflow: { Status: update.status }, WorkflowState: update.status } : {}),
    ...(update.note ? { Note: { ...update.note, UpdatedAt: at } } : {}),
    ...(update.fields ? { UserDefinedFields: { ...finding.UserDefinedFields, ...update.fields } } : {}),
  };
}

export type { Identifier, UpdateRequest };
export { applyUpdate, parseUpdate };
