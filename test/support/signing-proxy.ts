import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it went to moto: who signed it (the access key id), for which Region and service, on what. */
interface SignedRequest {
  readonly method: string;
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
  /** Path-style S3: the bucket the request is sent to. */
  readonly bucket?: string;
  /** S3 copies: the bucket named by `x-amz-copy-source` (the bucket the copy reads). */
  readonly copySourceBucket?: string;
  /** STS (a form body): `AssumeRole`, `GetCallerIdentity`. */
  readonly action?: string;
  /** AssumeRole: the role asked for, and the session's name. */
  readonly roleArn?: string;
  readonly roleSessionName?: string;
}

/** An answer the proxy gives itself instead of forwarding: what moto never does (it grants every AssumeRole). */
type Intercept = (request: SignedRequest) => { readonly status: number; readonly body: string } | undefined;

/** STS's refusal of AssumeRole, as the real service words it (the SDK parses the query protocol's XML). */
const refuseAssumeRole: Intercept = (request) =>
  request.action === 'AssumeRole'
    ? {
        status: 403,
        body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message></Error><RequestId>refused</RequestId></ErrorResponse>',
      }
    : undefined;

interface SigningProxy {
  readonly url: string;
  readonly requests: readonly SignedRequest[];
  stop(): Promise<void>;
}

const CREDENTIAL = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

function describe(req: IncomingMessage, body: Buffer): SignedRequest {
  const [, accessKeyId = '', region = '', service = ''] = CREDENTIAL.exec(req.headers.authorization ?? '') ?? [];
  const path = new URL(req.url ?? '/', 'http://proxy').pathname;
  const bucket = service === 's3' ? decodeURIComponent(path.split('/')[1] ?? '') || undefined : undefined;
  const copySource = req.headers['x-amz-copy-source'];
  const copySourceBucket =
    typeof copySource === 'string' ? decodeURIComponent(copySource).replace(/^\//, '').split('/')[0] : undefined;
  const form = service === 'sts' ? new URLSearchParams(body.toString('utf8')) : undefined;
  const action = form?.get('Action') ?? undefined;
  const roleArn = form?.get('RoleArn') ?? undefined;
  const roleSessionName = form?.get('RoleSessionName') ?? undefined;
  return {
    method: req.method ?? '',
    service,
    region,
    accessKeyId,
    ...(bucket ? { bucket } : {}),
    ...(copySourceBucket ? { copySourceBucket } : {}),
    ...(action ? { action } : {}),
    ...(roleArn ? { roleArn } : {}),
    ...(roleSessionName ? { roleSessionName } : {}),
  };
}

/**
 * An HTTP proxy in front of moto that records the signature of every request passing through: the one
 * witness of which credentials each S3 call was made with, whichever client the code under test built.
 * moto does not check signatures, so the request is forwarded unchanged, unless `intercept` answers it.
 */
async function startSigningProxy(target: string, intercept?: Intercept): Promise<SigningProxy> {
  const requests: SignedRequest[] = [];
  const upstream = new URL(target);
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (err) => res.destroy(err));
    out.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const described = describe(req, body);
      requests.push(described);
      const answer = intercept?.(described);
      if (answer) res.writeHead(answer.status, { 'content-type': 'text/xml' }).end(answer.body);
      else forward(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { Intercept, SignedRequest, SigningProxy };
export { refuseAssumeRole, startSigningProxy };
