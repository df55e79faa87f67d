/**
 * Redis commands by what they do to the data, as the clients name their methods: ioredis and @upstash/redis in lower
 * case (`hgetall`), node-redis v4 in camel case (`hGetAll`): both are matched lower-cased. A method not listed here
 * (`on`, `connect`, `quit`, `duplicate`) is not a command on the data and is not reported.
 */
export type RedisAccess = 'read' | 'write' | 'publish' | 'subscribe' | 'script' | 'batch';

const READ = [
  'get', 'mget', 'getrange', 'strlen', 'exists', 'ttl', 'pttl', 'type', 'keys', 'scan', 'dbsize', 'randomkey',
  'hget', 'hgetall', 'hmget', 'hkeys', 'hvals', 'hlen', 'hexists', 'hstrlen', 'hscan', 'hrandfield',
  'smembers', 'sismember', 'smismember', 'scard', 'srandmember', 'sscan', 'sinter', 'sunion', 'sdiff',
  'lrange', 'llen', 'lindex', 'lpos',
  'zrange', 'zrangebyscore', 'zrevrange', 'zrevrangebyscore', 'zrangebylex', 'zscore', 'zmscore', 'zrank', 'zrevrank', 'zcard', 'zcount', 'zscan',
  'xrange', 'xrevrange', 'xread', 'xreadgroup', 'xlen', 'xpending', 'xinfo',
  'pfcount', 'getbit', 'bitcount', 'geopos', 'geodist', 'georadius', 'geosearch', 'geohash',
];
const WRITE = [
  'set', 'setex', 'psetex', 'setnx', 'mset', 'msetnx', 'getset', 'getdel', 'getex', 'append', 'setrange',
  'incr', 'incrby', 'incrbyfloat', 'decr', 'decrby', 'del', 'unlink', 'expire', 'pexpire', 'expireat', 'pexpireat', 'persist', 'rename', 'renamenx', 'copy',
  'hset', 'hmset', 'hsetnx', 'hdel', 'hincrby', 'hincrbyfloat',
  'sadd', 'srem', 'spop', 'smove', 'sinterstore', 'sunionstore', 'sdiffstore',
  'lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'lset', 'lrem', 'ltrim', 'linsert', 'rpoplpush', 'lmove', 'blpop', 'brpop', 'blmove',
  'zadd', 'zrem', 'zincrby', 'zremrangebyrank', 'zremrangebyscore', 'zremrangebylex', 'zpopmin', 'zpopmax',
  'xadd', 'xdel', 'xtrim', 'xack', 'xgroup', 'xclaim', 'xautoclaim',
  'pfadd', 'pfmerge', 'setbit', 'geoadd', 'flushdb', 'flushall',
];
const OTHER: Record<string, RedisAccess> = {
  publish: 'publish', spublish: 'publish',
  subscribe: 'subscribe', psubscribe: 'subscribe', ssubscribe: 'subscribe',
  eval: 'script', evalsha: 'script', evalro: 'script', fcall: 'script',
  pipeline: 'batch', multi: 'batch',
};

const ACCESS = new Map<string, RedisAccess>([
  ...READ.map((c) => [c, 'read'] as const),
  ...WRITE.map((c) => [c, 'write'] as const),
  ...Object.entries(OTHER),
]);

/** What a client method does, or undefined when it is not a data command. */
export function commandAccess(method: string): RedisAccess | undefined {
  return ACCESS.get(method.toLowerCase());
}
