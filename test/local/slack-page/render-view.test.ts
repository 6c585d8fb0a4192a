import { buildReasonModal } from '../../../core/slack/reason-modal';
import { SlackViews } from '../../../local/slack/SlackViews';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { renderView } from '../../../local/slack-page/render-view';

const workspace = {
  bot: SLACK_DEFAULTS.bot,
  user: (id: string) => SLACK_DEFAULTS.users.find((u) => u.id === id),
  channel: (ref: string) => SLACK_DEFAULTS.channels.find((c) => c.id === ref || c.name === ref),
};
const context = { actionId: 'dismiss', channelId: 'C0FINDINGS1', messageTs: '1.000001' };

/** The modal as views.open stored it. */
function opened(view: Record<string, unknown>) {
  const views = new SlackViews(
    () => new Date(),
    'T0ACME0001',
    () => undefined,
  );
  views.open({ trigger_id: views.issueTrigger('U0ALICE001'), view });
  const [open] = views.opened();
  if (!open) throw new Error('views.open opened nothing');
  return open;
}

describe('Function: renderView', () => {
  it('renders the reason modal as Slack shows it: title, labelled multiline input, hint, Cancel and Submit', () => {
    // Prepare
    const view = buildReasonModal('dismiss', { ...context, value: 'f-1' });

    // Act
    const open = opened(view);
    const html = renderView(open, workspace);

    // Assess
    expect(html).toContain(`<dialog class="modal" data-view-id="${open.id}"><form><h2>Dismiss: why?</h2>`);
    expect(html).toContain('<label for="input-reason">Why dismiss finding f-1?</label>');
    expect(html).toContain('<textarea id="input-reason" name="reason_text" maxlength="1000" rows="4"></textarea>');
    expect(html).toContain('<div class="input-error" data-block-id="reason" role="alert" hidden></div>');
    expect(html).toContain('<div class="hint">Kept in the finding’s history, this channel and Security Hub.</div>');
    expect(html).toContain('<button type="button" class="btn" data-close>Cancel</button>');
    expect(html).toContain('<button type="submit" class="btn primary">Dismiss</button></div></form></dialog>');
  });

  it('shows markup in a label as text', () => {
    // Prepare
    const view = buildReasonModal('restore', { ...context, value: '<img src=x onerror=alert(1)>' });

    // Act
    const html = renderView(opened(view), workspace);

    // Assess
    expect(html).not.toMatch(/<(img|script)[\s>]/);
    expect(html).toContain('Why restore finding &lt;img src=x onerror=alert(1)&gt;?</label>');
  });
});
