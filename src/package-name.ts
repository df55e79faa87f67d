/**
 * The name the package is published under on npm (`project-context` was taken); the command it installs is still
 * `project-context`. Code that finds its own package.json to read the version checks this name.
 */
export const PACKAGE_NAME = 'project-context-map';
