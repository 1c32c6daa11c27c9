// The CDK's assertion library, reached from the root tests through this folder's own install.
export { Match, Template } from 'aws-cdk-lib/assertions';
