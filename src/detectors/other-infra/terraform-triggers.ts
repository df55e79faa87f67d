/**
 * What invokes a Terraform Lambda, from the resources beside it: event source mappings (an SQS queue, a DynamoDB or
 * Kinesis stream), permissions granted to a service principal (API Gateway, SNS, EventBridge, S3), SNS subscriptions
 * with protocol `lambda`, EventBridge / CloudWatch event targets, and S3 bucket notifications.
 */
import { pushTo } from '../../collections.js';
import { hclValue, type HclBlock } from './hcl.js';

interface Located {
  readonly block: HclBlock;
  readonly file: string;
}

/** `aws_sqs_queue.jobs.arn` → `sqs jobs`; `aws_dynamodb_table.t.stream_arn` → `dynamodb stream t`. */
function sourceText(raw: string | undefined): string {
  const ref = /\b(aws_\w+)\.([\w-]+)/.exec(raw ?? '');
  if (!ref) return `event source ${hclValue({ raw: raw ?? '?', line: 0 }) ?? '?'}`;
  const kind: Record<string, string> = { aws_sqs_queue: 'sqs', aws_dynamodb_table: 'dynamodb stream', aws_kinesis_stream: 'kinesis', aws_msk_cluster: 'kafka', aws_mq_broker: 'mq' };
  return `${kind[ref[1]] ?? `event source ${ref[1]}`} ${ref[2]}`;
}

const PRINCIPALS: Record<string, string> = {
  apigateway: 'API Gateway',
  sns: 'sns',
  events: 'eventbridge',
  s3: 's3',
  logs: 'cloudwatch logs',
  'cognito-idp': 'cognito',
  iot: 'iot',
  secretsmanager: 'secrets manager rotation',
};

/** Every way a function is referred to (`aws_lambda_function.api`, `module.api`, its `"function_name"`) → its name in the map. */
export function functionNames(blocks: readonly Located[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { block } of blocks) {
    const literal = hclValue(block.attributes.get('function_name'));
    const quoted = /^"[^"$]*"$/.test(block.attributes.get('function_name')?.raw ?? '');
    if (block.type === 'resource' && block.labels[0] === 'aws_lambda_function' && block.labels[1]) {
      names.set(`aws_lambda_function.${block.labels[1]}`, block.labels[1]);
      if (quoted && literal) names.set(`"${literal}"`, block.labels[1]);
    } else if (block.type === 'module' && block.labels[0] && /terraform-aws-modules\/lambda\/aws/.test(hclValue(block.attributes.get('source')) ?? '')) {
      const name = literal ?? block.labels[0];
      names.set(`module.${block.labels[0]}`, name);
      if (quoted && literal) names.set(`"${literal}"`, name);
    }
  }
  return names;
}

/**
 * Triggers by the function's name as `addFunction` records it. `names` maps every way a function is referred to
 * (`aws_lambda_function.api`, `module.api`, its literal `function_name`) to that name.
 */
export function terraformTriggers(blocks: readonly Located[], resources: ReadonlyMap<string, Located>, names: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const fnOf = (raw: string | undefined): string | undefined => {
    if (!raw) return undefined;
    const ref = /\b(aws_lambda_function|module)\.([\w-]+)/.exec(raw);
    if (ref) return names.get(`${ref[1]}.${ref[2]}`);
    const literal = hclValue({ raw, line: 0 });
    return literal !== undefined && literal !== raw ? names.get(`"${literal}"`) : undefined;
  };
  const add = (raw: string | undefined, text: string) => {
    const fn = fnOf(raw);
    if (fn) pushTo(out, fn, text);
  };
  // A permission only allows a service to invoke: said when nothing else names that service's trigger.
  const granted = new Map<string, string[]>();
  for (const { block } of blocks) {
    if (block.type !== 'resource' || block.labels.length < 2) continue;
    const [type, name] = block.labels;
    const attr = (k: string) => block.attributes.get(k)?.raw;
    if (type === 'aws_lambda_event_source_mapping') add(attr('function_name'), sourceText(attr('event_source_arn')));
    else if (type === 'aws_lambda_permission') {
      const principal = /^([\w-]+)\.amazonaws\.com$/.exec(hclValue(block.attributes.get('principal')) ?? '')?.[1];
      const source = /\b(aws_\w+)\.([\w-]+)/.exec(attr('source_arn') ?? '')?.[2];
      const fn = fnOf(attr('function_name'));
      if (fn && principal && PRINCIPALS[principal]) pushTo(granted, fn, `${PRINCIPALS[principal]}${source && principal !== 'apigateway' ? ` ${source}` : ''}`);
    } else if (type === 'aws_sns_topic_subscription' && hclValue(block.attributes.get('protocol')) === 'lambda') {
      add(attr('endpoint'), `sns ${/\baws_sns_topic\.([\w-]+)/.exec(attr('topic_arn') ?? '')?.[1] ?? hclValue(block.attributes.get('topic_arn')) ?? '?'}`.trim());
    } else if (type === 'aws_cloudwatch_event_target') {
      const rule = /\baws_cloudwatch_event_rule\.([\w-]+)/.exec(attr('rule') ?? '')?.[1];
      const schedule = rule ? hclValue(resources.get(`aws_cloudwatch_event_rule.${rule}`)?.block.attributes.get('schedule_expression')) : undefined;
      add(attr('arn'), schedule ? `schedule ${schedule} (rule ${rule})` : `eventbridge rule ${rule ?? name}`);
    } else if (type === 'aws_s3_bucket_notification') {
      const bucket = /\baws_s3_bucket\.([\w-]+)/.exec(attr('bucket') ?? '')?.[1];
      for (const b of block.blocks) if (b.type === 'lambda_function') add(b.attributes.get('lambda_function_arn')?.raw, `s3${bucket ? ` ${bucket}` : ''}`);
    }
  }
  const family = (t: string) => t.split(' ')[0].replace(/^schedule$/, 'eventbridge');
  for (const [fn, list] of granted) {
    const own = out.get(fn) ?? [];
    for (const t of list) if (!own.some((o) => family(o) === family(t))) pushTo(out, fn, t);
  }
  for (const [fn, list] of out) out.set(fn, [...new Set(list)]);
  return out;
}
