/**
 * How the repository runs outside CDK and the other IaC tools: Docker Compose services, Dockerfiles, Kubernetes
 * workloads, Helm charts and kustomizations, Make/just targets and Procfile processes. Step 6 shows them as
 * infrastructure (alone, or beside CDK); environment variables appear by name only.
 */
import { composeAdjustments } from './compose-layers.js';
import { taskCommands } from './local-run.js';
import type { ComposeServiceFact } from '../../detectors/compose/index.js';
import type { DockerfileFact } from '../../detectors/dockerfile/index.js';
import { KNATIVE_SERVICE, type HelmChartFact, type K8sResourceFact, type KustomizationFact } from '../../detectors/kubernetes/index.js';
import { invocation, type TaskFact } from '../../detectors/tasks/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { cell, code } from '../../markdown/text.js';
import { byFileLine, compareText, names, value } from './format.js';

const ROWS = 15;

/** `####` subsections for each runtime technology found; '' when there is none. */
export function runtimePart(facts: FactSet): string {
  return join(composePart(facts), dockerfilePart(facts), kubernetesPart(facts), tasksPart(facts));
}

/** A few words on what runs where, for a step's summary line: `Docker Compose (3 services), 2 Dockerfiles`. */
export function runtimeSummary(facts: FactSet): string[] {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  // A service is counted once: not again for each file that adjusts it (an override) or redefines it under the same
  // name for another environment (`docker-compose.dev.yml` and `.prod.yml` both define `api`).
  const compose = facts.of<ComposeServiceFact>('compose.service').map((f) => f.data);
  const adjustments = composeAdjustments(compose);
  const defined = compose.filter((s) => !adjustments.get(s.file)?.adjusted.includes(s));
  const services = new Set((defined.length > 0 ? defined : compose).map((s) => s.name)).size;
  const dockerfiles = facts.of<DockerfileFact>('docker.dockerfile').length;
  const k8sResources = facts.of<K8sResourceFact>('k8s.resource');
  // Knative services (Cloud Run's YAML) are counted apart: they are not deployed to a Kubernetes cluster of the repo's.
  const knative = k8sResources.filter((f) => f.data.kind === KNATIVE_SERVICE).length;
  const k8s = k8sResources.length - knative;
  const charts = facts.of<HelmChartFact>('k8s.helmChart').length;
  const tasks = facts.of<TaskFact>('tasks.task').map((t) => t.data);
  const make = tasks.filter((t) => t.tool === 'make').length;
  const just = tasks.filter((t) => t.tool === 'just').length;
  const procs = tasks.filter((t) => t.tool === 'procfile').length;
  return [
    services > 0 && `Docker Compose (${count(services, 'service')})`,
    dockerfiles > 0 && count(dockerfiles, 'Dockerfile'),
    k8s > 0 && `Kubernetes (${count(k8s, 'manifest resource')})`,
    knative > 0 && `Knative/Cloud Run (${count(knative, 'service manifest')})`,
    charts > 0 && count(charts, 'Helm chart'),
    make > 0 && count(make, 'Make target'),
    just > 0 && count(just, 'just recipe'),
    procs > 0 && `Procfile (${count(procs, 'process', 'processes')})`,
  ].filter((x): x is string => !!x);
}

function more(list: readonly unknown[]): string {
  return list.length > ROWS ? `(+${list.length - ROWS} more not shown.)` : '';
}

function composePart(facts: FactSet): string {
  const all = facts.of<ComposeServiceFact>('compose.service').map((f) => f.data).sort(byFileLine);
  const adjustments = composeAdjustments(all);
  const services = all.filter((s) => !adjustments.get(s.file)?.adjusted.includes(s));
  if (all.length === 0) return '';
  const files = [...new Set(services.map((s) => s.file))];
  const overlayLines = [...adjustments].map(([file, { adjusted, bases }]) => {
    const over = bases && bases.length > 0 ? bases.map((b) => cite(b)).join(' and ') : 'the base file';
    return `${cite(file)} adjusts ${adjusted.map((s) => `${code(s.name)}${[s.command && `command ${value(s.command)}`, s.buildSettings && 'build settings'].filter(Boolean).map((x) => ` (${x})`).join('')}`).join(', ')} when combined with ${over}`;
  });
  const rows = services.slice(0, ROWS).map((s) => {
    const runs = s.command ? `runs ${value(s.command)}` : '';
    const build = s.build
      ? `build ${s.build.context === '' ? 'the repository root' : /^[a-z]+:|^git@/i.test(s.build.context) ? value(s.build.context) : cite(s.build.context)}${s.build.dockerfile ? ` → ${cite(s.build.dockerfile)}` : s.build.missingDockerfile ? ` → ${code(s.build.missingDockerfile)} (not in the repository)` : ''}`
      : '';
    const env = [
      s.environment.length > 0 ? names(s.environment.map((e) => e.name), 6) : '',
      ...s.envFiles.map((f) => `env_file ${f.exists ? cite(f.path) : `${code(f.path)} (not committed)`}`),
    ].filter(Boolean);
    return [
      code(s.name),
      [s.image ? value(s.image) : '', build, extendsText(s), runs].filter(Boolean).join('; ') || '—',
      s.ports.length > 0 ? names(s.ports, 4) : '—',
      s.dependsOn.length > 0 ? names(s.dependsOn, 4) : '—',
      env.join('; ') || '—',
      cite(s.file, s.line),
    ];
  });
  // The step's summary counts services by name; a name defined in two files (`.dev.yml` and `.prod.yml` both define
  // `api`) is one service with two definitions, and the line says both numbers rather than disagree with it.
  const distinct = new Set(services.map((s) => s.name)).size;
  const count =
    distinct === services.length
      ? `${services.length} service${services.length === 1 ? '' : 's'}`
      : `${distinct} service${distinct === 1 ? '' : 's'} in ${services.length} definitions (a name defined in more than one file is one service)`;
  return join(
    heading(4, 'Docker Compose'),
    `${files.map((f) => cite(f)).join(', ') || 'Only override files'}: ${count}. Environment variables are listed by name; values are not copied.`,
    table(['Service', 'Image / build', 'Ports', 'Depends on', 'Environment', 'Defined in'], rows),
    more(services),
    bullets(overlayLines),
  );
}

function dockerfilePart(facts: FactSet): string {
  const files = facts.of<DockerfileFact>('docker.dockerfile').map((f) => f.data).sort((a, b) => compareText(a.file, b.file));
  if (files.length === 0) return '';
  const rows = files.slice(0, ROWS).map((d) => {
    const final = d.stages[d.stages.length - 1];
    // `FROM base` after `FROM python:3.12 AS base`: the image it starts from is the earlier stage's.
    let root = final;
    for (let guard = 0; guard < d.stages.length; guard++) {
      const parent = d.stages.find((st) => st.name === root.base && st !== root);
      if (!parent) break;
      root = parent;
    }
    const notes = [
      /@sha256:[0-9a-f]{64}$/.test(root.base) && 'pinned by digest',
      d.stages.length > 1 && `${d.stages.length} stages${root !== final ? `, via stage ${code(final.base)}` : ''}`,
    ].filter(Boolean);
    const base = `${value(root.base.replace(/@sha256:[0-9a-f]{64}$/, ''))}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    const runs = [d.entrypoint?.text, d.cmd?.text].filter(Boolean).join(' ');
    return [cite(d.file), base, d.expose.length > 0 ? names(d.expose, 4) : '—', runs ? value(runs) : '—', dockerfileEnv(d)];
  });
  return join(heading(4, 'Dockerfiles'), table(['Dockerfile', 'Base image', 'Exposes', 'Runs', 'Environment'], rows), more(files));
}

/**
 * The final stage's ENV names (what the container runs with), then those an earlier stage sets while it builds
 * (`stage build: NEXT_PUBLIC_API_URL`): a bundle bakes them in, so a row naming only the runtime ones hid them.
 */
function dockerfileEnv(d: DockerfileFact['data']): string {
  const parts = d.env.length > 0 ? [names([...new Set(d.env.map((e) => e.name))], 5)] : [];
  const byStage = new Map<string, Set<string>>();
  for (const e of d.stageEnv ?? []) {
    let set = byStage.get(e.stage);
    if (!set) byStage.set(e.stage, (set = new Set()));
    set.add(e.name);
  }
  for (const [stage, set] of byStage) parts.push(`stage ${code(stage)}: ${names([...set], 5)}`);
  if (parts.length > 1 && d.env.length > 0) parts[0] = `${parts[0]} (final stage)`;
  return parts.join('; ') || '—';
}

function kubernetesPart(facts: FactSet): string {
  const resources = facts.of<K8sResourceFact>('k8s.resource').map((f) => f.data).sort(byFileLine);
  const charts = facts.of<HelmChartFact>('k8s.helmChart').map((f) => f.data);
  const kustomizations = facts.of<KustomizationFact>('k8s.kustomization').map((f) => f.data);
  if (resources.length === 0 && charts.length === 0 && kustomizations.length === 0) return '';
  const workloads = resources.filter((r) => r.containers.length > 0);
  const workloadRows = workloads.slice(0, ROWS).map((w) => {
    const images = [...new Set(w.containers.map((c) => c.image).filter((i): i is string => !!i))];
    const ports = [...new Set(w.containers.flatMap((c) => c.ports))];
    const env = [...new Set(w.containers.flatMap((c) => c.env))];
    const refs = [
      ...new Set(w.containers.flatMap((c) => c.configMaps)),
    ].map((n) => `ConfigMap ${code(n)}`).concat([...new Set(w.containers.flatMap((c) => c.secrets))].map((n) => `Secret ${code(n)}`));
    return [
      `${w.kind === KNATIVE_SERVICE ? 'Knative/Cloud Run service' : w.kind} ${code(w.name)}${w.schedule ? ` (${value(w.schedule)})` : ''}`,
      images.length > 0 ? images.slice(0, 3).map(image).join(', ') + (images.length > 3 ? ` (+${images.length - 3} more)` : '') : '—',
      ports.length > 0 ? names(ports, 4) : '—',
      [env.length > 0 ? names(env, 6) : '', ...refs].filter(Boolean).join('; ') || '—',
      cite(w.file, w.line),
    ];
  });
  const networked = resources.filter((r) => r.kind === 'Service' || r.kind === 'Ingress');
  const network = networked.slice(0, ROWS).map((r) =>
    r.kind === 'Service'
      ? `Service ${code(r.name)} (${cell(r.serviceType ?? 'ClusterIP')}${r.ports.length > 0 ? `, ports ${names(r.ports, 4)}` : ''}) — ${cite(r.file, r.line)}`
      : `Ingress ${code(r.name)}: ${r.routes.length > 0 ? names(r.routes, 4) : 'no rules'} — ${cite(r.file, r.line)}`,
  );
  const counts = new Map<string, number>();
  for (const r of resources) if (r.containers.length === 0 && r.kind !== 'Service' && r.kind !== 'Ingress') counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const others = [...counts].sort(([a], [b]) => compareText(a, b)).map(([k, n]) => `${k} ×${n}`);
  const shownKustomizations = kustomizations.slice(0, 5);
  const packaging = [
    ...charts.map((c) => `Helm chart ${code(c.name)}${c.version ? ` ${value(c.version)}` : ''} — ${cite(c.file)}${c.image ? `, image ${value(c.image)} in values` : ''}, ${c.templates} template file${c.templates === 1 ? '' : 's'}`),
    ...shownKustomizations.map((k) => `kustomization ${cite(k.file)}: ${k.resources.length > 0 ? names(k.resources, 5) : 'no resources listed'}${k.images.length > 0 ? `; images ${names(k.images, 3)}` : ''}`),
    ...(kustomizations.length > 5 ? [`${kustomizations.length - 5} more kustomizations under ${[...new Set(kustomizations.slice(5).map((k) => k.file.split('/').slice(0, -2).join('/') || k.file.split('/')[0]))].slice(0, 3).map((d) => code(`/${d}`)).join(', ')}`] : []),
  ];
  return join(
    heading(4, resources.length > 0 && resources.every((r) => r.kind === KNATIVE_SERVICE) && charts.length + kustomizations.length === 0 ? 'Knative (Cloud Run) services' : resources.some((r) => r.kind === KNATIVE_SERVICE) ? 'Kubernetes and Knative' : 'Kubernetes'),
    workloadRows.length > 0 && table(['Workload', 'Images', 'Container ports', 'Environment and config', 'Defined in'], workloadRows),
    more(workloads),
    bullets([
      ...network,
      ...(networked.length > ROWS ? [`${networked.length - ROWS} more Services and Ingresses`] : []),
      ...(others.length > 0 ? [`Other resources: ${others.join(', ')}`] : []),
      ...packaging,
    ]),
  );
}

function tasksPart(facts: FactSet): string {
  const tasks = facts.of<TaskFact>('tasks.task').map((f) => f.data).sort(byFileLine);
  const targets = tasks.filter((t) => t.tool !== 'procfile');
  const processes = tasks.filter((t) => t.tool === 'procfile');
  const targetTable = table(
    ['Target', 'Runs', 'Defined in'],
    targets.slice(0, ROWS).map((t) => [
      code(invocation(t)),
      [taskCommands(t), t.help ? cell(t.help) : ''].filter(Boolean).join(' — '),
      cite(t.file, t.line),
    ]),
  );
  const processTable = table(['Process', 'Command', 'Defined in'], processes.map((p) => [code(p.name), p.command ? value(p.command) : '—', cite(p.file, p.line)]));
  return join(
    targets.length > 0 && join(heading(4, 'Make and just targets'), targetTable, more(targets)),
    processes.length > 0 && join(heading(4, 'Procfile'), processTable),
  );
}

/** `extends db` (same file), `extends db of /compose.base.yml`, or the file named but absent from the repository. */
function extendsText(s: ComposeServiceFact['data']): string {
  const base = s.extends;
  if (!base) return '';
  if (!base.file) return `extends ${code(base.service)}`;
  return base.exists ? `extends ${code(base.service)} of ${cite(base.file)}` : `extends ${code(base.service)} of ${code(base.file)} (not in the repository)`;
}

/** An image reference; a digest pin is said, not printed (64 hex characters tell a reader nothing). */
function image(ref: string): string {
  const pinned = /@sha256:[0-9a-f]{64}$/.exec(ref);
  return pinned ? `${value(ref.slice(0, pinned.index))} (pinned by digest)` : value(ref);
}
