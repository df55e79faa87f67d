import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analysis } from '../../src/analysis/run-detectors.js';
import { buildIndex, type RepoIndex } from '../../src/scan/repo-index.js';
import { generateSection, type GeneratedSection } from '../../src/steps/generate.js';
import type { StepContext, StepDefinition } from '../../src/steps/types.js';
import { FactSet, type Detector, type Fact } from '../../src/facts.js';
import { RepoModel, StepModel } from '../../src/model/repo-model.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE = path.join(PROJECT_ROOT, 'examples/kv-store');

export function fixturePath(name: string): string {
  return path.join(PROJECT_ROOT, 'test/fixtures', name);
}

const indexes = new Map<string, Promise<RepoIndex>>();

/** The index of a fixture under test/fixtures (or an absolute path), built once per test file. */
export function indexOf(nameOrPath: string): Promise<RepoIndex> {
  const root = path.isAbsolute(nameOrPath) ? nameOrPath : fixturePath(nameOrPath);
  let index = indexes.get(root);
  if (!index) {
    index = buildIndex(root);
    indexes.set(root, index);
  }
  return index;
}

export async function detect(detector: Detector, nameOrPath: string): Promise<Fact[]> {
  const index = await indexOf(nameOrPath);
  return detector.isEnabled(index) ? detector.detect(index) : [];
}

export async function section(step: StepDefinition, nameOrPath: string, context: StepContext = {}): Promise<GeneratedSection> {
  const index = await indexOf(nameOrPath);
  return generateSection(step, new Analysis(index), context);
}

/** A step's input over given facts (for tests that hand a builder facts the detectors would not produce). */
export function stepModel(index: RepoIndex, facts: readonly Fact[]): StepModel {
  return new StepModel(RepoModel.of(new Analysis(index)), new FactSet(facts));
}
