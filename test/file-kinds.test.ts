import { describe, expect, it } from 'vitest';
import { isComposeName, isDockerfileName } from '../src/scan/file-kinds.js';

describe('shared file-name patterns', () => {
  it('knows compose files by every common name, and nothing else', () => {
    for (const f of ['compose.yaml', 'docker-compose.yml', 'deploy/docker-compose.prod.yml', 'docker-compose-dev.yml', 'podman-compose.yaml', 'compose.override.yml']) {
      expect(isComposeName(f), f).toBe(true);
    }
    for (const f of ['composer.yaml', 'mycompose.yml', 'docker-compose.json', 'compose/README.md']) expect(isComposeName(f), f).toBe(false);
  });

  it('knows Dockerfiles by every common name, and nothing else', () => {
    for (const f of ['Dockerfile', 'api/Dockerfile.dev', 'Dockerfile-prod', 'Containerfile', 'docker/api.Dockerfile', 'lambda/web-crawler-dockerfile']) {
      expect(isDockerfileName(f), f).toBe(true);
    }
    for (const f of ['Dockerfile.dockerignore', 'docs/Dockerfile.md', 'Dockerfiles/README', 'src/dockerfile.ts']) expect(isDockerfileName(f), f).toBe(false);
  });
});
