import { randomBytes, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Slack-style id: a type letter (A app, B bot, C channel, T team, U user) and upper-case alphanumerics. */
function slackId(prefix: string, length = 10): string {
  let id = prefix;
  while (id.length < length) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Slack's generated block and action ids look like short base64 strings (`Vs9x`, `+sA=`). */
const shortId = (): string => randomBytes(3).toString('base64');

export { randomHex, shortId, slackId };
