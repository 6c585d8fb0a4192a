import { RemediateError } from '../../../core/errors';
import { parseJob } from '../../../core/remediation/parse-job';

describe('Function: parseJob', () => {
  it('accepts what the dispatchers send', () => {
    // Act
    const job = parseJob({ kind: 'restore', findingId: 'f1', actor: 'slack:U1', force: true });

    // Assess
    expect(job).toEqual({ kind: 'restore', findingId: 'f1', actor: 'slack:U1', force: true });
  });

  it.each([
    ['a reviewer\'s other action (remediate --action, "Seal instead")', { kind: 'remediate', action: 'SEAL' }],
    ['an exemption with its reason', { kind: 'exempt', reason: 'known test fixture' }],
  ])('keeps %s', (_name, fields) => {
    // Act
    const job = parseJob({ findingId: 'f1', actor: 'slack:U1', ...fields });

    // Assess
    expect(job).toEqual({ findingId: 'f1', actor: 'slack:U1', ...fields });
  });

  it.each([
    [null, 'remediation job invalid: job:'],
    [{ kind: 'remediate', findingId: 'f1', actor: 'a', action: 'DELETE' }, 'remediation job invalid: action:'],
    [{ kind: 'delete', findingId: 'f1', actor: 'a' }, 'remediation job invalid: kind:'],
    [{ kind: 'remediate', actor: 'a' }, 'remediation job invalid: findingId:'],
    [{ kind: 'remediate', findingId: '', actor: 'a' }, 'remediation job invalid: findingId:'],
  ])('refuses %j as a user error naming the field', (payload, message) => {
    // Act
    let error: unknown;
    try {
      parseJob(payload);
    } catch (err) {
      error = err;
    }

    // Assess
    expect(RemediateError.isUserError(error)).toBe(true);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it.each([
    [{ kind: 'remediate', findingId: '', actor: 'a' }, 'findingId: Too small: expected string to have >=1 characters'],
    [{ kind: 'delete', findingId: 'f1', actor: 'a' }, 'kind: Invalid option: expected one of "remediate"|"restore"'],
    [{ kind: 'remediate', findingId: 'f1' }, 'actor: Invalid input: expected string, received undefined'],
  ])('says in words what is wrong with %j, not just "Invalid input"', (payload, reason) => {
    // Act
    const parse = () => parseJob(payload);

    // Assess
    expect(parse).toThrow(`remediation job invalid: ${reason}`);
  });
});
