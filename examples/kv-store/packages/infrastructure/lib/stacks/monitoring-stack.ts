import * as cdk from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

export interface MonitoringStackProps extends cdk.StackProps {
  stage: string;
  api: apigw.RestApi;
  functions: Record<string, lambda.IFunction>;
  /** On-call address; only set for prod. */
  alarmEmail?: string;
}

/** Alarms on API 5xx / latency and on every Lambda's errors, routed to one SNS topic. */
export class MonitoringStack extends cdk.Stack {
  public readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: `KV Store ${props.stage} alarms` });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const alarmAction = new actions.SnsAction(this.alarmTopic);

    const api5xx = new cloudwatch.Alarm(this, 'Api5xxAlarm', {
      alarmName: `kv-${props.stage}-api-5xx`,
      metric: props.api.metricServerError({ period: cdk.Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    api5xx.addAlarmAction(alarmAction);

    const apiLatency = new cloudwatch.Alarm(this, 'ApiLatencyAlarm', {
      alarmName: `kv-${props.stage}-api-latency-p99`,
      metric: props.api.metricLatency({ period: cdk.Duration.minutes(5), statistic: 'p99' }),
      threshold: 2000,
      evaluationPeriods: 3,
    });
    apiLatency.addAlarmAction(alarmAction);

    const errorWidgets: cloudwatch.IWidget[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period: cdk.Duration.minutes(5), statistic: 'Sum' });
      new cloudwatch.Alarm(this, `${name}ErrorsAlarm`, {
        alarmName: `kv-${props.stage}-${name}-errors`,
        metric: errors,
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
      errorWidgets.push(new cloudwatch.GraphWidget({ title: `${name} errors`, left: [errors], width: 6 }));
    }

    new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `kv-${props.stage}`,
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'API 5xx', left: [props.api.metricServerError()], width: 12 }),
          new cloudwatch.GraphWidget({ title: 'API p99 latency', left: [props.api.metricLatency({ statistic: 'p99' })], width: 12 }),
        ],
        errorWidgets,
      ],
    });

    new cdk.CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
