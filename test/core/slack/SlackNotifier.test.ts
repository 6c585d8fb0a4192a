import { SlackNotifier } from '../../../core/slack/SlackNotifier';

describe('Class: SlackNotifier (construction)', () => {
  it('needs a bot token or a webhook URL', () => {
    expect(() => new SlackNotifier({})).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('needs a channel to post with a bot token alone', () => {
    expect(() => new SlackNotifier({ botToken: 'xoxb-1' })).toThrow(/slackChannel: required/);
    expect(() => new SlackNotifier({ botToken: 'xoxb-1', channel: 'C0REVIEW' })).not.toThrow();
    expect(() => new SlackNotifier({ botToken: 'xoxb-1', webhookUrl: 'https://hooks.slack.com/x' })).not.toThrow();
  });

  it('rejects a malformed webhook URL without echoing it', () => {
    // Act
    let error: unknown;
    try {
      new SlackNotifier({ webhookUrl: 'hooks.slack.com/services/T0/B0/s3cr3tpath' });
    } catch (err) {
      error = err;
    }

    // Assess
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(String((error as Error).message)).toContain('Slack incoming webhook URL: not a valid URL');
    expect(String((error as Error).message)).not.toContain('s3cr3tpath');
  });

  it('refuses to update a message it has no way to reach', async () => {
    // Prepare
    const notifier = new SlackNotifier({ webhookUrl: 'https://hooks.slack.com/x' });

    // Act & Assess
    await expect(
      notifier.update({ channel: '', postedAt: '2026-11-27T10:00:00Z' }, { text: 't', blocks: [] }),
    ).rejects.toMatchObject({
      code: 'SLACK_FAILED',
      message: 'Slack message not updated: no message ts and no response_url',
    });
    await expect(notifier.ephemeral({ channel: 'C0', user: 'U0' }, 'hi')).rejects.toMatchObject({
      code: 'SLACK_FAILED',
    });
  });
});
