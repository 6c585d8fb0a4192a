import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { buttonText, listButtons } from '../../local/slack/find-button';
import type { SlackStandIn } from '../../local/slack/SlackStandIn';
import type { StoredMessage } from '../../local/slack/types';

/** Whether S3 holds the object now (HeadObject; 404 is "no"). */
async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw err;
  }
}

/** The channel message about a finding: every message we post names the finding id in its blocks. */
function messageAbout(slack: SlackStandIn, channel: string, findingId: string): StoredMessage | undefined {
  return slack.messages(channel).find((message) => JSON.stringify(message.blocks).includes(findingId));
}

/** What a reader sees first: the header block's text. */
function headline(message: StoredMessage): string {
  const header = message.blocks.find((block) => block.type === 'header')?.text as { text?: unknown } | undefined;
  return typeof header?.text === 'string' ? header.text : message.text;
}

const buttonsOf = (message: StoredMessage): string[] =>
  listButtons(message.blocks).map(({ button }) => buttonText(button) ?? '?');

export { buttonsOf, headline, messageAbout, objectExists };
