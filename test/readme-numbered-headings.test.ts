import { describe, expect, it } from 'vitest';
import { summariseReadme } from '../src/detectors/readme/index.js';

describe('README sections with numbering or emoji before the name', () => {
  it('`## 1. 🌐 Project Overview` is the overview (johchai/react-fastify-starter)', () => {
    const md = '# ✨ Starter\n\n## 1. 🌐 Project Overview\n\n**Starter** is designed for developers who want a full-stack app. It features:\n\n- End-to-end type safety\n- JWT authentication\n\n## 2. ⚒️ Tech Stack\n\n- React\n';
    const s = summariseReadme('README.md', md);
    expect(s.value?.heading).toEqual({ text: '1. 🌐 Project Overview', line: 3 });
    expect(s.value?.bullets).toEqual(['End-to-end type safety', 'JWT authentication']);
  });

  it('`## 🖥️ Project` counts only when its paragraph says what the project is', () => {
    const pitch = summariseReadme('README.md', '# SaaS\n\n## 🚀 Techs\n\n- Next.js\n\n## 🖥️ Project\nThis project contains the boilerplate of a multi-tenant SaaS.\n');
    expect(pitch.value?.heading).toEqual({ text: '🖥️ Project', line: 7 });
    expect(pitch.value?.paragraph?.text).toBe('This project contains the boilerplate of a multi-tenant SaaS.');
    const other = summariseReadme('README.md', '# SaaS\n\nA tagline.\n\n## Project\n\nRun `npm test` before pushing.\n');
    expect(other.value?.heading).toBeUndefined();
  });
});
