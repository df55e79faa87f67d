import { describe, expect, it } from 'vitest';
import { summariseReadme } from '../src/detectors/readme/index.js';
import { troubleshootingDetector, type TroubleshootingData } from '../src/detectors/troubleshooting/index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const readme = (h: string) => `# Tienda\n\nUna tienda.\n\n## Instalar\n\n1. npm install\n\n## ${h}\n\n- Carrito de compras\n- Pagos\n`;

describe('README headings in other languages', () => {
  it.each([
    ['✨ Características Principales'],
    ['🚀 核心特性'],
    ['主要功能'],
    ['Fonctionnalités'],
    ['Funktionen'],
    ['Funcionalidades'],
    ['Caratteristiche principali'],
    ['特徴'],
    ['주요 기능'],
    ['Возможности'],
    ['2. ¿Por qué?'],
    ['Visão geral'],
    ['À propos'],
  ])('takes "%s" as the value-proposition section', (h) => {
    const s = summariseReadme('README.md', readme(h));
    expect(s.value?.heading?.text).toBe(h);
    expect(s.value?.bullets).toEqual(['Carrito de compras', 'Pagos']);
  });

  it('does not take a sentence that merely contains a start-only word', () => {
    const s = summariseReadme('README.md', readme('Notas sobre el despliegue'));
    expect(s.value?.heading).toBeUndefined();
  });

  it('a localised section name is not a title', () => {
    expect(summariseReadme('README.md', '# Instalación\n\nnpm install\n').title).toBeUndefined();
    expect(summariseReadme('README.md', '# 快速开始\n\nnpm install\n').title).toBeUndefined();
  });

  it('step 1 quotes a Spanish "Características" section and never says the README has no Features section', async () => {
    const root = tempRepo({ 'README.md': readme('✨ Características Principales') });
    const md = (await section(overviewStep, root)).markdown;
    expect(md).toContain('"✨ Características Principales"');
    expect(md).not.toContain('has no "Why"');
  });

  it('step 1 says nothing about missing sections when the headings are in a language it does not read', async () => {
    const root = tempRepo({ 'README.md': '# Tienda\n\nUna tienda.\n\n## Estructura del Repositorio\n\n`src/`\n\n## Autor\n\nYo.\n' });
    const md = (await section(overviewStep, root)).markdown;
    expect(md).not.toContain('has no "Why"');
    // Only `###` sections: the tagline's language is what tells.
    const h3 = tempRepo({ 'README.md': '# Tienda\n\nUna tienda para los vecinos del barrio.\n\n### Autor\n\nYo.\n' });
    expect((await section(overviewStep, h3)).markdown).not.toContain('has no "Why"');
    // An English README without such a section still gets the sentence.
    const en = tempRepo({ 'README.md': '# Shop\n\nA shop.\n\n## Structure\n\n`src/`\n\n## Author\n\nMe.\n' });
    expect((await section(overviewStep, en)).markdown).toContain('has no "Why"');
  });

  it('finds FAQ and troubleshooting sections in Chinese and Spanish', async () => {
    const root = tempRepo({
      'README.md': '# 项目\n\n## 常见问题\n\n- 为什么启动失败？\n\n## Solución de problemas\n\n- El puerto está ocupado\n',
    });
    const docs = (await detect(troubleshootingDetector, root)).map((f) => f.data as TroubleshootingData);
    expect(docs.map((d) => d.heading)).toEqual(['常见问题', 'Solución de problemas']);
  });
});
