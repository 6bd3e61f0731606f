import type { Json } from '../read.js';

/** One bench's part of docs/benchmarks.md, rendered from its bench/results/<name>.json. */

export interface Chart {
  /** File name under docs/benchmarks/. */
  file: string;
  svg: string;
  alt: string;
}

export interface Rendered {
  markdown: string;
  charts: Chart[];
}

export interface Section {
  /** The results file is bench/results/<name>.json. */
  name: string;
  title: string;
  /** The command that produces it. */
  command: string;
  /** What it measures and how, in a few sentences of Markdown. */
  about: string;
  render(result: Json): Rendered;
}
