import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmAccessData } from '../src/detectors/orm/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** A hackathon-starter-like app: a Session model with a custom static, a User model, Passport's deserializeUser. */
function app(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { mongoose: '^8.0.0', express: '^4.0.0', passport: '^0.7.0' } }),
    'models/Session.js': [
      "const mongoose = require('mongoose');",
      'const sessionSchema = new mongoose.Schema({ session: String, expires: Date });',
      'sessionSchema.statics = {',
      '  removeSessionByUserId(userId) {',
      '    return this.deleteMany({ session: { $regex: userId } });',
      '  },',
      '};',
      "sessionSchema.static('recent', function () { return this.find({}).limit(5); });",
      "const Session = mongoose.model('Session', sessionSchema);",
      'module.exports = Session;',
    ].join('\n'),
    'models/User.js': [
      "const mongoose = require('mongoose');",
      "const userSchema = new mongoose.Schema({ email: String }, { statics: { byEmail(email) { return this.findOne({ email }); } } });",
      'userSchema.statics.hashIP = function hashIP(ip) { return String(ip); };',
      "const User = mongoose.model('User', userSchema);",
      'module.exports = User;',
    ].join('\n'),
    'config/passport.js': [
      "const passport = require('passport');",
      "const User = require('../models/User');",
      'passport.deserializeUser(async (id, done) => {',
      '  return done(null, await User.findById(id));',
      '});',
    ].join('\n'),
    'controllers/user.js': [
      "const Session = require('../models/Session');",
      "const User = require('../models/User');",
      'exports.logout = async (req, res) => {',
      '  await Session.removeSessionByUserId(req.user.id);',
      '};',
      'exports.profile = async (req, res) => {',
      '  req.user.email = req.body.email;',
      '  await req.user.save();',
      '};',
      'exports.find = (req) => User.byEmail(req.query.email);',
      'exports.register = (req) => User.register(req.body);',
      "exports.listen = () => User.on('index', () => {});",
      'exports.ip = (req) => User.hashIP(req.ip);',
    ].join('\n'),
    // A file that imports no model: its `req.user.save()` still writes the User that deserializeUser loads.
    'controllers/other.js': 'exports.x = async (req) => { await req.user.save(); };\n',
  });
}

describe('Mongoose: custom statics and req.user', () => {
  it('records a custom static as access, with the kind its body does through this; unknown statics as calls', async () => {
    const root = app();
    const rows = (await detect(ormDetector, root))
      .filter((f) => f.kind === 'orm.access')
      .map((f) => { const a = f.data as OrmAccessData; return `${a.model} ${a.kind} ${a.method} ${a.file}:${a.line}`; });
    expect(rows).toContain('Session write removeSessionByUserId controllers/user.js:4');
    expect(rows).toContain('User read byEmail controllers/user.js:10');
    expect(rows).toContain('User call register controllers/user.js:11');
    // Not queries: an event listener, and a static that calls nothing on `this`.
    expect(rows.some((r) => r.includes(' on ') || r.includes('hashIP'))).toBe(false);
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).not.toContain('No direct calls found');
    expect(md).toContain('| write | `removeSessionByUserId` | `exports.logout` | `/controllers/user.js:4` |');
  });

  it("treats req.user as the model deserializeUser loads: req.user.save() writes User", async () => {
    const root = app();
    const rows = (await detect(ormDetector, root))
      .filter((f) => f.kind === 'orm.access')
      .map((f) => { const a = f.data as OrmAccessData; return `${a.model} ${a.kind} ${a.method} ${a.file}:${a.line}`; });
    expect(rows).toContain('User write save controllers/user.js:8');
    expect(rows).toContain('User write save controllers/other.js:1');
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('2 reads, 2 writes and 1 other call (operation not known) in 3 files');
  });
});
