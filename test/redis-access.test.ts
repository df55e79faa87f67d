import { describe, expect, it } from 'vitest';
import { redisDetector, type RedisAccessData } from '../src/detectors/redis/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

describe('Redis commands (redis-access)', () => {
  it('finds commands on clients created in the file or imported from the module that creates them', async () => {
    const found = (await detect(redisDetector, 'redis-access')).map((f) => f.data as RedisAccessData);
    expect(found.map((a) => [a.file, a.line, a.command, a.access, a.key, a.client, `${a.clientFile}:${a.clientLine}`, a.function])).toEqual([
      // A default export without a name (`export default Redis.fromEnv()`) is named after its module; `ttl`, declared
      // before it in code without semicolons, is no client.
      ['src/app/api/feed/route.ts', 4, 'get', 'read', "'feed:a'", 'cache', 'src/lib/cache.ts:7', 'GET'],
      ['src/app/api/feed/route.ts', 4, 'get', 'read', "'feed:b'", 'cache', 'src/lib/cache.ts:7', 'GET'],
      ['src/app/api/feed/route.ts', 5, 'set', 'write', "'feed:last'", 'cache', 'src/lib/cache.ts:7', 'GET'],
      // Type arguments between the command and its call (`cache.get<Profile>(`, nested `<Record<string, { n: number }>>`).
      ['src/app/api/profile/route.ts', 8, 'get', 'read', '`profile:${id}`', 'cache', 'src/lib/cache.ts:7', 'GET'],
      ['src/app/api/profile/route.ts', 11, 'keys', 'read', "'profile:*'", 'cache', 'src/lib/cache.ts:7', 'GET'],
      ['src/app/api/profile/route.ts', 12, 'mget', 'read', '...keys', 'cache', 'src/lib/cache.ts:7', 'GET'],
      ['src/app/api/profile/route.ts', 13, 'hgetall', 'read', '`counts:${id}`', 'cache', 'src/lib/cache.ts:7', 'GET'],
      ['src/app/api/vote/route.ts', 6, 'hset', 'write', '`post:${postId}`', 'redis', 'src/lib/redis.ts:3', 'PATCH'],
      ['src/app/api/vote/route.ts', 8, 'hset', 'write', '`post:${postId}`', 'redis', 'src/lib/redis.ts:3', 'PATCH'],
      ['src/app/api/vote/route.ts', 10, 'del', 'write', '`votes:${postId}`', 'redis', 'src/lib/redis.ts:3', 'PATCH'],
      // Imported under another name.
      ['src/app/post/page.tsx', 4, 'hgetall', 'read', '`post:${params.id}`', 'redis', 'src/lib/redis.ts:3', 'PostPage'],
      // A default export created behind `??`; the local `redis` object in the same file is not a client.
      // A client of a workspace package, imported by the package's name.
      ['src/jobs/counter.ts', 4, 'incr', 'write', '`visits:${page}`', 'kv', 'packages/kv/src/index.ts:3', 'countVisit'],
      ['src/jobs/worker.ts', 8, 'lpush', 'write', "'jobs'", 'connection', 'src/lib/queue.ts:6', 'enqueue'],
      // CommonJS: a client assigned after its declaration, exported in an object, reached through the whole module.
      ['src/legacy/links.js', 4, 'get', 'read', 'key', 'client', 'src/legacy/redis.js:6', 'findLink'],
      ['src/legacy/links.js', 5, 'set', 'write', 'key', 'client', 'src/legacy/redis.js:6', 'findLink'],
      // node-redis camel case; `client.on` is not a command. Supabase's `createClient` makes no Redis client.
      ['src/lib/session.ts', 6, 'hGetAll', 'read', '`session:${id}`', 'client', 'src/lib/session.ts:3', 'loadSession'],
      ['src/lib/session.ts', 10, 'hSet', 'write', '`session:${id}`', 'client', 'src/lib/session.ts:3', 'saveSession'],
    ]);
  });

  it('two calls of one command on one line are two facts with their own ids', async () => {
    const ids = (await detect(redisDetector, 'redis-access')).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('step 4 lists them beside the other access patterns, one row per file and command', async () => {
    const s = await section(databaseSchemaStep, 'redis-access');
    expect(s.markdown).toContain('#### Access patterns: Redis client `redis`');
    expect(s.markdown).toContain('Redis client `redis` (`/src/lib/redis.ts:3`): 1 read and 3 writes in 2 files; one row per file and command, at its first call.');
    expect(s.markdown).toContain('| write | `hset` | `` `post:${postId}` `` | `PATCH` | `/src/app/api/vote/route.ts:6` (2 calls) |');
    expect(s.markdown).toContain('| read | `hgetall` | `` `post:${params.id}` `` | `PostPage` | `/src/app/post/page.tsx:4` |');
    // Calls with type arguments count in the heading and have their rows.
    expect(s.markdown).toContain('Redis client `cache` (`/src/lib/cache.ts:7`): 6 reads and 1 write in 2 files;');
    expect(s.markdown).toContain('| read | `mget` | `...keys` | `GET` | `/src/app/api/profile/route.ts:12` |');
    expect(s.markdown).toContain('#### Access patterns: Redis client `connection`');
    expect(s.markdown).toContain('#### Access patterns: Redis client `client`');
    expect(s.markdown).not.toMatch(/no other|only access/i);
    expect(missingCitations(s.markdown, await indexOf('redis-access'))).toEqual([]);
  });
});
