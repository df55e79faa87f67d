/**
 * "How to add …" recipes for step 9, built from the repository's own conventions: for each kind of thing the product
 * has (API endpoints, tables or models, pages, SDK methods, environment variables), where it is declared, an
 * existing one to copy, how it is wired and where its test goes. A kind the product does not have gets no recipe.
 */
import type { PackageManager } from '../../../detectors/scripts/index.js';
import { heading, join } from '../../../markdown/blocks.js';
import type { StepModel } from '../../../model/repo-model.js';
import { dataRecipes } from './data.js';
import { endpointRecipes } from './endpoints.js';
import { envRecipe } from './env.js';
import { pageRecipes } from './pages.js';
import { sdkRecipes } from './sdk.js';
import { recipeInput } from './shared.js';

export function recipesSection(model: StepModel, pm: PackageManager): string {
  const input = recipeInput(model);
  const endpoints = endpointRecipes(input);
  const recipes = [...endpoints, ...dataRecipes(input, pm), ...pageRecipes(input), ...sdkRecipes(input, endpoints.length > 0), envRecipe(input)].filter(Boolean);
  if (recipes.length === 0) return '';
  return join(
    heading(3, 'How to add things'),
    'Recipes from this repository\'s own conventions: each step names an existing file to open or copy.',
    ...recipes,
  );
}
