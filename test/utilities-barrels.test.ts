import { describe, expect, it } from 'vitest';
import { backendCodeDetector, type SharedLibData } from '../src/detectors/backend-code/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('Utilities barrels', () => {
  it("lists the names an `export * from` line passes on, unless the module has a utilities row of its own", async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' } }),
      'src/server.ts': "import express from 'express';\nimport { sendMail } from './lib';\nconst app = express();\napp.post('/mail', (req, res) => res.send(sendMail()));\napp.listen(3000);\n",
      'src/lib/index.ts': [
        "export * from '../services/mailer';",
        "export * from './format';",
        "export * as dates from './dates';",
        "export type * from './types';",
        '// export * from "./old";',
      ].join('\n'),
      'src/services/mailer.ts': "export function sendMail() { return 1; }\nexport const MAIL_FROM = 'x';\nexport default sendMail;\n",
      'src/lib/format.ts': 'export const formatDate = () => 1;\n',
      'src/lib/dates.ts': 'export const today = () => 1;\n',
      'src/lib/types.ts': 'export interface Mail { to: string }\n',
    });
    const libs = (await detect(backendCodeDetector, dir)).filter((f) => f.kind === 'backend.shared-lib').map((f) => f.data as SharedLibData);
    expect(libs.map((l) => `${l.file}: ${l.exports.join(', ')}`)).toEqual([
      'src/lib/dates.ts: today',
      'src/lib/format.ts: formatDate',
      'src/lib/index.ts: MAIL_FROM, dates, sendMail',
    ]);
  });

  it('a tool config file under lib/ (jest.config.js, .eslintrc.js, vite.config.ts) is never a utility', async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' } }),
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
      'src/lib/jest.config.js': "module.exports = { testEnvironment: 'node', roots: ['<rootDir>'] };\n",
      'src/lib/.eslintrc.js': "module.exports = { root: true };\n",
      'src/lib/vite.config.ts': 'export default { plugins: [] };\nexport const port = 3000;\n',
      'src/lib/format.ts': 'export const formatDate = () => 1;\n',
    });
    const libs = (await detect(backendCodeDetector, dir)).filter((f) => f.kind === 'backend.shared-lib').map((f) => (f.data as SharedLibData).file);
    expect(libs).toEqual(['src/lib/format.ts']);
  });
});
