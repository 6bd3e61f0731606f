import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export const TEMPLATE_PATH = new URL('../template.yaml', import.meta.url);

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
}

export interface Template {
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown }>;
}

/** template.yaml as plain data (it uses only the long form of intrinsic functions). */
export async function loadTemplate(): Promise<Template> {
  return parse(await readFile(TEMPLATE_PATH, 'utf8')) as Template;
}

export function resourcesOfType(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

export function resource(template: Template, logicalId: string): Resource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`template.yaml has no resource ${logicalId}`);
  return found;
}
