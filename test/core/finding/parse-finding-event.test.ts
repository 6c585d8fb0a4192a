import { InvalidInputError } from '../../../core/errors';
import { parseFindingEvent } from '../../../core/finding/parse-finding';
import { buildFindingEvent, loadFixture } from '../../support/fixtures';

function errorOf(event: unknown): InvalidInputError {
  try {
    parseFindingEvent(event);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    return err as InvalidInputError;
  }
  throw new Error('expected an error');
}

describe('parseFindingEvent', () => {
  it('returns the finding in the detail', () => {
    expect(parseFindingEvent(loadFixture('events/macie/macie-event-financial')).id).toBe(
      '5f2a9c0e1b3d4f6a8c7e9d1b2a3c4e5f',
    );
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['another source', { source: 'aws.macie2' }, 'source', 'source must be "aws.macie" (got "aws.macie2")'],
    [
      'another detail-type',
      { 'detail-type': 'Object Created' },
      'detail-type',
      'detail-type must be "Macie Finding" (got "Object Created")',
    ],
    ['no detail', { detail: undefined }, 'detail', 'detail is missing'],
    ['a null detail', { detail: null }, 'detail', 'detail must be an object (got null)'],
  ])('rejects an event with %s as EVENT_INVALID', (_, change, field, message) => {
    // Prepare
    const event = { ...buildFindingEvent(), ...change };

    // Act
    const error = errorOf(event);

    // Assess
    expect(error).toMatchObject({ code: 'EVENT_INVALID', source: 'user', message, context: { field } });
  });

  it('rejects something that is not an event', () => {
    expect(errorOf('hello').message).toBe('event must be an object (got "hello")');
  });

  it('names a bad finding field under detail, as FINDING_INVALID', () => {
    // Prepare
    const event = buildFindingEvent();
    const affected = event.detail.resourcesAffected as { s3Object: Record<string, unknown> };
    delete affected.s3Object.key;

    // Act
    const error = errorOf(event);

    // Assess
    expect(error).toMatchObject({
      code: 'FINDING_INVALID',
      message: 'detail.resourcesAffected.s3Object.key is missing',
      context: { field: 'detail.resourcesAffected.s3Object.key' },
    });
  });
});
