/**
 * Values of environment variables. The rule: a variable's NAME is printed, and where its value comes from when that
 * is code or infrastructure (`table.tableName`, `process.env.X`, `` `${stage}-kv` ``, `${{ secrets.X }}`,
 * `ssm.StringParameter.valueForStringParameter(this, '/kv/key')`); a literal value is never printed, whatever it
 * looks like (`ADMIN_PASSWORD: '[value redacted]'` — a password need not look like one). Numbers and booleans are
 * not secrets and stay. String literals passed to a call stay too: they name a parameter, a secret or a context key.
 */
export const VALUE_REDACTED = '[value redacted]';

/** Keys under which fact data holds environment variables (CDK `environment`, CI `env`, CodeBuild, App Runner…). */
export const ENV_KEY = /^(?:env|environment|environmentVariables|envVars|env_vars|runtimeEnvironmentVariables|containerEnvironment)$/i;

/**
 * An expression as written in code (`'prod'`, `` `${a}/${b}` ``, `{ A: 'x', B: props.b }`, possibly cut short with
 * `…`): every string literal that is a value is replaced. Keys, call arguments and template literals made only of
 * substitutions stay.
 */
export function redactEnvExpression(text: string): string {
  let out = '';
  const calls: boolean[] = [];
  let last = ''; // the last character that is not white space, outside literals
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = literalEnd(text, i);
      const literal = text.slice(i, end);
      let j = end;
      while (j < text.length && /\s/.test(text[j])) j++;
      const isKey = (last === '{' || last === ',') && text[j] === ':';
      const inCall = calls.length > 0 && calls[calls.length - 1];
      const empty = literal.length === 2 && literal[1] === c; // `''`: nothing to hide, and it says "empty by default"
      out += isKey || inCall || empty || (c === '`' && onlySubstitutions(literal)) ? literal : VALUE_REDACTED;
      last = c;
      i = end;
      continue;
    }
    // A call's arguments and an element access (`process.env['X']`) hold names, not values.
    if (c === '(' || c === '[') calls.push(/[\w$)\]]/.test(last));
    else if (c === ')' || c === ']') calls.pop();
    if (!/\s/.test(c)) last = c;
    out += c;
    i++;
  }
  return out;
}

/** Index after the literal starting at `start` (its end, or the end of the text when it was cut off). */
function literalEnd(text: string, start: number): number {
  const quote = text[start];
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (quote === '`' && c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (quote === '`' && c === '}' && depth > 0) depth--;
    else if (c === quote && depth === 0) return i + 1;
  }
  return text.length;
}

/** `` `${stage}-${name}` ``: nothing literal but separators. */
function onlySubstitutions(literal: string): boolean {
  if (!literal.endsWith('`') || literal.length < 2) return false;
  const rest = literal.slice(1, -1).replace(/\$\{[^{}]*\}/g, '');
  return /^[\s\-_./:@]*$/.test(rest) && literal.includes('${');
}

/**
 * One variable's value as a detector recorded it: expression text from code, or a scalar from YAML, dotenv or a
 * Dockerfile. Quoted → as an expression; a reference (`$X`, `${…}`, `${{ … }}`, a dotted path, a call) stays; a number
 * or boolean stays; anything else is a literal.
 */
export function redactEnvValue(value: string): string {
  const v = value.trim();
  if (v === '' || v === VALUE_REDACTED) return value;
  if (/['"`]/.test(v)) return redactEnvExpression(value);
  if (/^(?:-?\d+(?:\.\d+)?|true|false|null|undefined)$/i.test(v)) return value;
  if (/^(?:\$|\{\{|!(?:Ref|GetAtt|Sub|ImportValue)\b)/.test(v)) return value;
  // Code: a member path or a call (`props.table.tableName`, `cdk.Fn.importValue(x)`, `config.get()`).
  if (/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+(?:\(.*\))?[!]?$|^[A-Za-z_$][\w$.]*\(.*\)$/.test(v)) return value;
  return VALUE_REDACTED;
}

const STACK_ENVIRONMENT = /^\{\s*(?:(?:account|region)\s*:\s*[^,{}]*,?\s*)+\}$/;

/**
 * A text stored under an environment key: an object literal as written (`{ A: 'x', ...props.env }`), `NAME=value`
 * lines, or a single value. A bare word stays: under `environment` it names a deployment environment (`production`),
 * never a variable's value, which always comes with its name.
 */
export function redactEnvText(text: string): string {
  const t = text.trim();
  // A CDK stack's `env: { account, region }` is where it deploys, not environment variables.
  if (STACK_ENVIRONMENT.test(t)) return text;
  if (t.startsWith('{') || t.startsWith('[') || /^['"`]/.test(t)) return redactEnvExpression(text);
  if (/^(?:export\s+|ENV\s+)?[A-Za-z_][\w.-]*\s*=/m.test(t)) {
    return text.replace(/^(\s*(?:export\s+|ENV\s+)?[A-Za-z_][\w.-]*\s*=\s*)(.*)$/gm, (m, name: string, value: string) => `${name}${redactEnvValue(value)}`);
  }
  return text;
}
