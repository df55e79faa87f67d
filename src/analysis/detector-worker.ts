/**
 * The detector helper thread of a `--yes` run (see detector-helper.ts): builds its own index of the same repository
 * and runs the detectors it was given, in order, posting each one's facts (redacted, as `Analysis.run` returns them)
 * as soon as they exist. Before each detector it reads the main thread's messages: a detector the main thread chose
 * to run itself (because this thread had not started it) is skipped.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { Analysis } from './run-detectors.js';
import { FileCache } from '../scan/file-cache.js';
import { buildIndex } from '../scan/repo-index.js';
import { STEPS } from '../steps/registry.js';
import { stepDetectors } from '../model/repo-model.js';
import type { HelperInput, HelperMessage, HelperRequest } from './detector-helper.js';

const input = workerData as HelperInput;
const port = input.port as MessagePort;
if (!parentPort) throw new Error('detector-worker.ts runs only as a worker thread.');
const post = (message: HelperMessage) => port.postMessage(message);

const detectors = new Map(STEPS.flatMap((s) => stepDetectors(s.definition.detectors, s.definition.claims)).map((d) => [d.id, d]));
const treeMemos = [...detectors.values()].flatMap((d) => d.treeMemos ?? []);
const skipped = new Set<string>();
const drain = () => {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) skipped.add((m.message as HelperRequest).skip);
};

try {
  // Read-only: the main thread owns the cache file and saves what it computed itself.
  const cache = input.cacheFile ? FileCache.load(input.cacheFile) : undefined;
  const index = await buildIndex(input.root, { exclude: input.exclude, ignore: input.ignore, cache });
  if (index.files.length < input.minFiles) throw new Error('small');
  index.watchTrees(treeMemos);
  const analysis = new Analysis(index);
  for (const id of input.detectors) {
    drain();
    const detector = detectors.get(id);
    if (!detector || skipped.has(id)) continue;
    post({ kind: 'start', id });
    const facts = analysis.run([detector]);
    index.releaseTrees();
    const failure = analysis.failures().find((f) => f.detector === id);
    post({ kind: 'done', id, facts, failure, skippedFiles: index.skipped() });
  }
} catch (error) {
  post({ kind: 'broken', message: error instanceof Error ? error.message : String(error) });
}
port.close();
