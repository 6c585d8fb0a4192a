import { parseSlackSecret } from '../../../core/secrets/parse-slack-secret';
import { recordingLogger } from '../../support/recording-logger';

const SECRET_ID = 'macie-remediate/slack';
const parse = (value: string) => parseSlackSecret(SECRET_ID, value, recordingLogger().logger);

describe('Function: parseSlackSecret', () => {
  it('reads all three credentials', () => {
    expect(
      parse(JSON.stringify({ signingSecret: 's3cr3t', botToken: 'xoxb-1', webhookUrl: 'https://hooks.slack.com/x' })),
    ).toEqual({ signingSecret: 's3cr3t', botToken: 'xoxb-1', webhookUrl: 'https://hooks.slack.com/x' });
  });

  it('treats absent, null and empty values as absent and ignores unknown keys', () => {
    expect(parse(JSON.stringify({ signingSecret: 's', botToken: null, webhookUrl: '', other: 1 }))).toEqual({
      signingSecret: 's',
    });
    expect(parse('{}')).toEqual({});
  });

  it('accepts the original slackWebHookUrl key with a warning that names the key, not the value', () => {
    // Prepare
    const log = recordingLogger();

    // Act
    const credentials = parseSlackSecret(
      SECRET_ID,
      JSON.stringify({ slackWebHookUrl: 'https://hooks/secret' }),
      log.logger,
    );

    // Assess
    expect(credentials).toEqual({ webhookUrl: 'https://hooks/secret' });
    expect(log.at('warn')).toEqual([
      { level: 'warn', message: expect.stringContaining('slackWebHookUrl'), fields: { secretId: SECRET_ID } },
    ]);
    expect(log.text()).not.toContain('https://hooks/secret');
  });

  it('prefers webhookUrl over the legacy key, silently', () => {
    const log = recordingLogger();
    expect(
      parseSlackSecret(
        SECRET_ID,
        JSON.stringify({ webhookUrl: 'https://new', slackWebHookUrl: 'https://old' }),
        log.logger,
      ),
    ).toEqual({ webhookUrl: 'https://new' });
    expect(log.lines).toEqual([]);
  });

  it.each([
    ['not JSON', 'xoxb-leaked-token-not-json', /^Slack secret macie-remediate\/slack is not valid JSON$/],
    ['a JSON string', '"xoxb-leaked-token"', /is not a JSON object/],
    ['a JSON array', '["xoxb-leaked-token"]', /is not a JSON object/],
    ['a non-string field', '{"botToken": {"value": "xoxb-leaked-token"}}', /has a non-string botToken/],
  ])('rejects a value that is %s, naming the secret but never quoting it', (_name, value, message) => {
    // Act
    let error: unknown;
    try {
      parse(value);
    } catch (err) {
      error = err;
    }

    // Assess
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', source: 'user', message: expect.stringMatching(message) });
    expect(String((error as Error).message)).not.toContain('xoxb-leaked-token');
  });
});
