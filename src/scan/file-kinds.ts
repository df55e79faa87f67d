/**
 * File-name patterns several readers share. One definition each, so the compose reader, the env reader, the database
 * reader and the "how it runs" topics never disagree about which files are compose files or Dockerfiles.
 */

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `docker-compose-dev.yml`, `podman-compose.yml`
 *  (never `composer.yaml`). */
export const COMPOSE_FILE = /(^|\/)(docker-|podman-)?compose([.-][\w.-]*)?\.ya?ml$/;

/** `Dockerfile`, `Dockerfile.dev`, `Dockerfile-dev`, `Containerfile`, `api.Dockerfile`, and `web-crawler-dockerfile`
 *  (a name CDK's `fromAsset({ file })` takes); never `.dockerignore` files or notes about Dockerfiles. */
export const DOCKERFILE = /(^|\/)((Dockerfile|Containerfile)([.\-_][\w.-]+)?|[^/]+[.\-_][Dd]ockerfile)$/;

export function isComposeName(file: string): boolean {
  return COMPOSE_FILE.test(file);
}

export function isDockerfileName(file: string): boolean {
  return DOCKERFILE.test(file) && !/\.(dockerignore|md)$/.test(file);
}
