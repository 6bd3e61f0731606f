import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * Accessibility checks with axe-core, run inside the page. The app's CSP allows only same-origin
 * scripts, so contexts that use this need `bypassCSP: true` (AXE_CONTEXT) for the injected script.
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Context options for a person whose pages axe will check. */
export const AXE_CONTEXT = { bypassCSP: true } as const;

/** The impacts that fail a check. */
export const FAILING_IMPACTS: readonly string[] = ['serious', 'critical'];

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements, with a short summary each. */
  nodes: string[];
}

interface AxeResult {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the whole page and returns the violations of `impacts` (serious and critical). */
export async function axeViolations(page: Page, impacts: readonly string[] = FAILING_IMPACTS): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((node) => `${node.target.map(String).join(' ')}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
    }));
  });
  return violations.filter((v) => impacts.includes(v.impact));
}

/** A violation list a person can act on: rule, impact, what it means, and where. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violations`;
  const lines = violations.flatMap((v) => [`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`, ...v.nodes.slice(0, 5).map((n) => `    ${n}`)]);
  return `${where}: ${violations.length} serious or critical accessibility violation(s)\n${lines.join('\n')}`;
}
