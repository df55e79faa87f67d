/**
 * Which files count as application source when a detector scans code broadly (backend code, HTTP routes, ORM
 * schemas): build output, dependencies, tests and fixtures describe nothing the application does at run time.
 */
import { isSourceFile } from '../../scan/ts.js';

const BUILD_OR_VENDOR =
  /(^|\/)(node_modules|dist|build|out|coverage|\.next|\.nuxt|\.output|\.serverless|\.sst|\.aws-sam|cdk\.out|\.turbo|\.vercel|\.cache|vendor)\//;
const TEST = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|e2e|fixtures|mocks?|cypress|playwright)\/|\.(test|spec|stories|e2e|bench)\.[cm]?[jt]sx?$/;

/** Generated or vendored code: never analysed. */
export function isBuildOrVendor(file: string): boolean {
  return BUILD_OR_VENDOR.test(file);
}

/** Test code, fixtures and stories. */
export function isTestFile(file: string): boolean {
  return TEST.test(file);
}

/** A TypeScript/JavaScript file that ships with the application (not a test, fixture, declaration or build output). */
export function isAppSource(file: string): boolean {
  return isSourceFile(file) && !isBuildOrVendor(file) && !isTestFile(file);
}
