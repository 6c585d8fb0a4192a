export type { AwsClientConfig } from './aws-client-config';
export { awsClientConfig } from './aws-client-config';
export type { S3ClientOptions } from './s3-client-config';
export { hasS3EndpointOverride, s3ClientConfig } from './s3-client-config';
