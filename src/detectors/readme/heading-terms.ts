/**
 * README section names in the common non-English languages, one table for every reader of headings (the value
 * proposition, troubleshooting/FAQ, titles that are only a section name). English stays in the readers' own patterns;
 * a heading matched here is as recognised as its English counterpart, so no reader concludes "no Features section"
 * from a README written in Spanish or Chinese.
 */
export type HeadingTopic = 'why' | 'features' | 'overview' | 'about' | 'faq' | 'gettingStarted' | 'troubleshooting';

/**
 * Per topic, the words (lower case) in Spanish, Portuguese, French, German, Italian, Chinese (simplified and
 * traditional), Japanese, Korean and Russian. A term in a Latin or Cyrillic script matches as whole words anywhere in
 * the heading (`Principales características`); a CJK or kana/hangul term matches as a substring (no spaces to split on:
 * `🚀 核心特性`). `start` terms only open a heading (`Sobre el proyecto`; "sobre" inside a heading is a preposition).
 */
const TERMS: Record<HeadingTopic, { readonly any: readonly string[]; readonly start?: readonly string[] }> = {
  why: {
    any: ['por qué', 'por que', 'por quê', 'pourquoi', 'warum', 'perché', 'perchè', 'motivación', 'motivação', 'motivazione', 'почему', 'зачем', 'мотивация', '为什么', '為什麼', '为何', '動機', '动机', 'なぜ', '왜'],
  },
  features: {
    any: [
      'características', 'caracteristicas', 'funcionalidades', 'funcionalidade', 'destaques', 'fonctionnalités', 'fonctionnalites', 'caractéristiques', 'points forts',
      'funktionen', 'merkmale', 'eigenschaften', 'funzionalità', 'caratteristiche', 'возможности', 'особенности', 'функции', 'функциональность',
      '特性', '功能', '特点', '特點', '特色', '亮点', '亮點', '特徴', '機能', '기능', '특징',
    ],
    start: ['funciones', 'recursos'],
  },
  overview: {
    any: ['descripción general', 'visión general', 'visão geral', "vue d'ensemble", 'vue d’ensemble', 'überblick', 'übersicht', 'panoramica', 'обзор', '概述', '概览', '概覽', '简介', '簡介', '介绍', '介紹', '概要', '개요', '소개'],
    start: ['resumen', 'resumo', 'descripción', 'descrição', 'aperçu', 'présentation', 'beschreibung', 'descrizione', 'описание', 'introducción', 'introdução', 'einführung', 'introduzione', 'введение'],
  },
  about: {
    any: ['acerca de', 'à propos', 'a propos', 'о проекте', '关于', '關於', 'について'],
    start: ['sobre', 'über', 'informazioni', 'riguardo'],
  },
  faq: {
    any: [
      'preguntas frecuentes', 'perguntas frequentes', 'questions fréquentes', 'foire aux questions', 'häufige fragen', 'häufig gestellte fragen', 'domande frequenti',
      'частые вопросы', 'часто задаваемые вопросы', '常见问题', '常見問題', 'よくある質問', '자주 묻는 질문',
    ],
  },
  gettingStarted: {
    any: [
      'primeros pasos', 'inicio rápido', 'cómo empezar', 'primeiros passos', 'início rápido', 'como começar', 'démarrage rapide', 'pour commencer', 'prise en main',
      'erste schritte', 'schnellstart', 'per iniziare', 'guida rapida', 'начало работы', 'быстрый старт', '快速开始', '快速開始', '快速上手', '入门', '入門', '开始使用',
      '開始使用', 'はじめに', 'クイックスタート', '始め方', '시작하기', '빠른 시작',
    ],
    start: ['instalación', 'instalação', 'installazione', 'установка', '安装', '安裝', 'インストール', '설치'],
  },
  troubleshooting: {
    any: [
      'solución de problemas', 'resolución de problemas', 'problemas comunes', 'solução de problemas', 'resolução de problemas', 'problemas comuns', 'dépannage',
      'résolution des problèmes', 'problèmes courants', 'fehlerbehebung', 'problembehandlung', 'bekannte probleme', 'risoluzione dei problemi', 'problemi comuni',
      'устранение неполадок', 'решение проблем', 'известные проблемы', '故障排除', '故障排查', '问题排查', '問題排查', '疑难解答', '疑難排解', 'トラブルシューティング', '문제 해결',
    ],
  },
};

/** Scripts without spaces between words: their terms match as substrings. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/**
 * One alternation per script kind, with the word-edge look-arounds outside it: written once per term, a hundred of
 * them made each matcher take milliseconds to compile. Terms are lower case and so is the text they are tried on
 * (`lower`): a case-insensitive Unicode pattern costs more again.
 */
function pattern(terms: readonly string[], anchored: boolean): string {
  const unspaced = terms.filter((t) => UNSPACED.test(t)).map(escape);
  const spaced = terms.filter((t) => !UNSPACED.test(t)).map(escape);
  return [
    unspaced.length ? `${anchored ? '^' : ''}(?:${unspaced.join('|')})` : '',
    spaced.length ? `${anchored ? '^' : '(?<![\\p{L}\\p{N}])'}(?:${spaced.join('|')})(?![\\p{L}\\p{N}])` : '',
  ]
    .filter(Boolean)
    .join('|');
}

const MATCHERS = Object.fromEntries(
  (Object.keys(TERMS) as HeadingTopic[]).map((topic) => {
    const { any, start = [] } = TERMS[topic];
    const parts = [pattern(any, false), start.length ? pattern(start, true) : ''].filter(Boolean);
    // `¿Por qué?`: the inverted marks open the heading but are not letters.
    return [topic, new RegExp(parts.join('|'), 'u')];
  }),
) as Record<HeadingTopic, RegExp>;

const EXACT = new RegExp(`^(${(Object.keys(TERMS) as HeadingTopic[]).flatMap((t) => [...TERMS[t].any, ...(TERMS[t].start ?? [])]).map(escape).join('|')})$`, 'u');

const lower = (text: string): string => text.toLowerCase();

/**
 * Answers by topic and heading: a monorepo's READMEs repeat the same few headings (`Installation`, `Usage`) hundreds
 * of times. Bounded; cleared when full.
 */
const answers = new Map<string, boolean>();
const ANSWERS_MAX = 20_000;

function matches(topic: HeadingTopic, text: string): boolean {
  const key = `${topic}\u0000${text}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = MATCHERS[topic].test(lower(text));
    if (answers.size >= ANSWERS_MAX) answers.clear();
    answers.set(key, answer);
  }
  return answer;
}

/** Heading words (emoji, numbering and `¿¡` already stripped) naming one of the topics in a non-English language. */
export function localHeading(words: string, ...topics: HeadingTopic[]): boolean {
  const text = words.replace(/^[¿¡\s]+/, '').trim();
  return topics.some((t) => matches(t, text));
}

/** A heading that is only a section name in one of the languages (`Características`, `安装`), never a product's name. */
export function isLocalSectionName(words: string): boolean {
  return EXACT.test(lower(words.replace(/[¿?¡!:：]/g, '').replace(/\s+/g, ' ').trim()));
}

/**
 * Words that mark a heading as not English even in plain ASCII (`Estructura del Repositorio`, `Autor`): function words
 * and the usual section nouns of the languages above. Only used to hold back a negative claim, so a stray match costs
 * one sentence, never a false one.
 */
const NOT_ENGLISH = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[
    'de', 'del', 'la', 'el', 'los', 'las', 'para', 'con', 'und', 'der', 'die', 'das', 'mit', 'für', 'les', 'des', 'du', 'et', 'pour', 'avec', 'della', 'dei',
    'delle', 'per', 'com', 'dos', 'em', 'autor', 'autores', 'auteur', 'autore', 'licencia', 'licença', 'lizenz', 'requisitos', 'estructura', 'estrutura',
    'configuración', 'configuração', 'tecnologías', 'tecnologias', 'anforderungen', 'voraussetzungen', 'prérequis', 'uso', 'utilisation', 'verwendung',
    'utilizzo', 'contribuir', 'contribuer', 'instalar', 'ejecutar', 'despliegue', 'implantação',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'u',
);

/**
 * Headings a reader of English section names can judge: none with a letter outside A–Z (`Características`, `核心特性`,
 * `Возможности`), none with a word of another language, none this table recognises. Otherwise "the README has no
 * Features section" would be a conclusion drawn from a reader that does not know the language, and is not said.
 */
export function headingsReadAsEnglish(headings: readonly { readonly text: string }[]): boolean {
  const topics = Object.keys(TERMS) as HeadingTopic[];
  return headings.every((h) => !/[^\P{L}A-Za-z]/u.test(h.text) && !NOT_ENGLISH.test(lower(h.text)) && !topics.some((t) => localHeading(h.text, t)));
}
