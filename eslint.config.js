import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const modulesDir = resolve(dirname(fileURLToPath(import.meta.url)), 'src', 'modules');
/** The module (folder under src/modules) a path lies in, or null. */
const moduleOf = (p) => {
  const r = relative(modulesDir, p);
  return r.startsWith('..') || !r.includes(sep) ? null : r.split(sep)[0];
};
/** Outside a module, only its public face (`src/modules/<m>/index.ts`) may be imported; tests may reach inside. */
const publicFaces = {
  meta: { type: 'problem', schema: [], messages: { face: "Import the {{module}} module through its public face '{{face}}', not '{{spec}}'." } },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const to = moduleOf(target);
      if (!to || to === moduleOf(file)) return;
      if (relative(resolve(modulesDir, to), target).replace(/\.(js|ts)$/, '') === 'index') return;
      const face = relative(dirname(file), resolve(modulesDir, to, 'index.js'));
      context.report({ node: node.source, messageId: 'face', data: { module: to, face, spec } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'web/dist', '.tmp', 'bench/results', 'coverage', 'test-artefacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // each module's public face (ARCHITECTURE.md): src/modules/<m>/index.ts is all that other code may import
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testkit.ts', 'src/test/**'],
    plugins: { skillvoucher: { rules: { 'public-faces': publicFaces } } },
    rules: { 'skillvoucher/public-faces': 'error' },
  },
  {
    // issue 16: no source file over 600 lines, no function over 80 lines or over complexity 20
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines': ['error', 600], 'max-lines-per-function': ['error', 80], complexity: ['error', 20] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
