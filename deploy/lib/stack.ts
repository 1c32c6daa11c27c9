import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { APP_ENVIRONMENT, LAMBDA_DEFAULTS } from '../../lab/runtime/function-config.ts';
import type { Switches } from './switches.ts';

export interface LabStackProps extends StackProps {
  /** The folder the lab's build wrote its bundle to (`.lab/build/bundle`): the zip is this folder. */
  bundleDir: string;
  /** `_HANDLER`: the bundle's module path in the folder, without extension, dot, export. */
  handler: string;
  switches: Switches;
}

/**
 * The function the lab measured, on AWS Lambda: the lab's settings (lab/runtime/function-config.ts),
 * the lab's bundle, and the front door the switches ask for.
 */
export class BoundaryLabStack extends Stack {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const { switches } = props;
    if (LAMBDA_DEFAULTS.timeoutMs % 1000 !== 0)
      throw new Error(`Lambda's timeout is whole seconds; the lab's is ${LAMBDA_DEFAULTS.timeoutMs} ms.`);

    // Lambda's own log group never expires its logs; this one keeps a week and goes with the stack.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${LAMBDA_DEFAULTS.functionName}`,
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const secret = switches.databaseSecretArn
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'DatabaseSecret', switches.databaseSecretArn)
      : switches.createDatabaseSecret
        ? new secretsmanager.Secret(this, 'DatabaseSecret', {
            description: 'The Boundary Lab function database URL (postgres://...): put yours in with put-secret-value.',
            removalPolicy: RemovalPolicy.DESTROY,
          })
        : undefined;

    this.function = new lambda.Function(this, 'Function', {
      functionName: LAMBDA_DEFAULTS.functionName,
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: props.handler,
      // The folder as the lab built it: no second bundling, so AWS runs the bytes the lab measured.
      code: lambda.Code.fromAsset(props.bundleDir),
      memorySize: LAMBDA_DEFAULTS.memoryMb,
      timeout: Duration.millis(LAMBDA_DEFAULTS.timeoutMs),
      ...(switches.reserveConcurrency ? { reservedConcurrentExecutions: LAMBDA_DEFAULTS.reservedConcurrency } : {}),
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment: {
        ...APP_ENVIRONMENT,
        ...(secret ? { DATABASE_URL_SECRET_ARN: secret.secretArn } : {}),
      },
    });
    secret?.grantRead(this.function);

    new CfnOutput(this, 'FunctionName', {
      value: this.function.functionName,
      description: 'lab invoke <event> --remote <this>',
    });

    if (switches.frontDoor === 'http') {
      // Payload 2.0, the HTTP API's default for Lambda, said aloud: it is what the lab's apigw-v2 events are.
      const api = new apigatewayv2.HttpApi(this, 'HttpApi', {
        defaultIntegration: new HttpLambdaIntegration('Function', this.function, {
          payloadFormatVersion: apigatewayv2.PayloadFormatVersion.VERSION_2_0,
        }),
      });
      new CfnOutput(this, 'HttpApiUrl', { value: api.apiEndpoint });
    } else if (switches.frontDoor === 'rest') {
      const api = new apigateway.LambdaRestApi(this, 'RestApi', {
        handler: this.function,
        // Every body arrives base64 and a base64 answer leaves as bytes: the lab's handler decides
        // per response (is-binary-response.ts), so API Gateway must not decide by type first.
        binaryMediaTypes: ['*/*'],
        // The account-wide CloudWatch role is a setting of its own, outliving this stack.
        cloudWatchRole: false,
      });
      new CfnOutput(this, 'RestApiUrl', { value: api.url });
    }

    if (switches.functionUrl) {
      const url = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      new CfnOutput(this, 'FunctionUrl', { value: url.url });
    }
    if (secret) new CfnOutput(this, 'DatabaseSecretArn', { value: secret.secretArn });
  }
}
