/** The STS query protocol's XML answers, shaped like the service's (namespace, element order, request id). */
const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

const element = (name: string, content: string): string => `<${name}>${content}</${name}>`;

/** `<{Action}Response><{Action}Result>…</…><ResponseMetadata>…</…></…>` */
function resultXml(action: string, result: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">\n` +
    `  ${element(`${action}Result`, result)}\n` +
    `  ${element('ResponseMetadata', element('RequestId', requestId))}\n` +
    `</${action}Response>\n`
  );
}

interface StsCredentialsXml {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

function assumeRoleXml(
  input: {
    readonly assumedRoleArn: string;
    readonly assumedRoleId: string;
    readonly credentials: StsCredentialsXml;
  },
  requestId: string,
): string {
  const c = input.credentials;
  const result =
    element(
      'AssumedRoleUser',
      element('AssumedRoleId', escapeXml(input.assumedRoleId)) + element('Arn', escapeXml(input.assumedRoleArn)),
    ) +
    element(
      'Credentials',
      element('AccessKeyId', c.accessKeyId) +
        element('SecretAccessKey', c.secretAccessKey) +
        element('SessionToken', c.sessionToken) +
        element('Expiration', c.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')),
    );
  return resultXml('AssumeRole', result, requestId);
}

function callerIdentityXml(
  identity: { readonly arn: string; readonly userId: string; readonly account: string },
  requestId: string,
): string {
  const result =
    element('Arn', escapeXml(identity.arn)) +
    element('UserId', escapeXml(identity.userId)) +
    element('Account', identity.account);
  return resultXml('GetCallerIdentity', result, requestId);
}

/** STS's error document: `Sender` faults are the caller's, `Receiver` the service's. */
function errorXml(error: { readonly code: string; readonly message: string }, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">\n` +
    `  ${element('Error', element('Type', 'Sender') + element('Code', error.code) + element('Message', escapeXml(error.message)))}\n` +
    `  ${element('RequestId', requestId)}\n` +
    `</ErrorResponse>\n`
  );
}

export type { StsCredentialsXml };
export { assumeRoleXml, callerIdentityXml, errorXml };
