/**
 * Who guards a template's route. SAM events: the event's `Auth.Authorizer` (`NONE` opens it, `AWS_IAM` is IAM), else
 * the API's (or the Globals `Api`/`HttpApi`) `Auth.DefaultAuthorizer`; the name is described from the API's
 * `Auth.Authorizers`. API Gateway `Method`/`Route`: `AuthorizationType` with its `AuthorizerId`. An `Auth` we cannot
 * read is said to be unread, never taken for "no authorizer".
 */
import { get, scalar, type YamlEntry, type YamlNode } from '../../scan/yaml.js';
import { cfnText, references } from './cfn-values.js';

const UNREAD = 'authorizer (not readable statically)';

/** `kind` is the SAM event type (`Api`, `HttpApi`); `globals` the template's `Globals`. */
export function samEventAuthorizer(
  eventProps: YamlNode | undefined,
  kind: string,
  byId: ReadonlyMap<string, YamlEntry>,
  globals: YamlNode | undefined,
): string | undefined {
  const apiRef = references(get(eventProps, kind === 'HttpApi' ? 'ApiId' : 'RestApiId'))[0];
  const apiAuth = get(get(apiRef ? byId.get(apiRef)?.value : undefined, 'Properties'), 'Auth');
  const globalAuth = get(get(globals, kind), 'Auth');
  const own = get(get(eventProps, 'Auth'), 'Authorizer');
  const chosen = own ?? get(apiAuth, 'DefaultAuthorizer') ?? get(globalAuth, 'DefaultAuthorizer');
  if (chosen === undefined) return undefined;
  const name = scalar(chosen);
  if (name === undefined) return UNREAD;
  if (name.toUpperCase() === 'NONE') return undefined;
  if (name === 'AWS_IAM') return 'IAM (AWS_IAM)';
  const declared = get(get(apiAuth, 'Authorizers'), name) ?? get(get(globalAuth, 'Authorizers'), name);
  return `${declaredKind(declared)} \`${name}\``;
}

function declaredKind(node: YamlNode | undefined): string {
  if (get(node, 'UserPoolArn') !== undefined) return 'Cognito authorizer';
  if (get(node, 'FunctionArn') !== undefined) return 'Lambda authorizer';
  if (get(node, 'JwtConfiguration') !== undefined) return 'JWT authorizer';
  return 'authorizer';
}

/** `AWS::ApiGateway::Method` / `AWS::ApiGatewayV2::Route` properties. */
export function resourceAuthorizer(props: YamlNode | undefined): string | undefined {
  const node = get(props, 'AuthorizationType');
  if (node === undefined) return undefined;
  const type = cfnText(node)?.toUpperCase();
  if (type === undefined) return UNREAD;
  if (type === 'NONE') return undefined;
  if (type === 'AWS_IAM') return 'IAM (AWS_IAM)';
  const id = references(get(props, 'AuthorizerId'))[0];
  const kind = type === 'COGNITO_USER_POOLS' ? 'Cognito authorizer' : type === 'JWT' ? 'JWT authorizer' : type === 'CUSTOM' ? 'Lambda authorizer' : `${type} authorizer`;
  return id ? `${kind} \`${id}\`` : kind;
}
