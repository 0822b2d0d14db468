/**
 * `.widget` template files (spec §7.6): the widget studio's export format, rendered server-side into a
 * widget tree. The TypeScript counterpart of chatkit-python's `WidgetTemplate.from_file(path).build(data)`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type * as Nunjucks from 'nunjucks';
import type { WidgetRoot } from '../../src/protocol/types.js';
import { WIDGET_ROOT_TYPES } from '../../src/protocol/types.js';
import { createTemplateEnvironment, loadNunjucks, stripTrailingCommas } from './template-environment.js';

/** The JSON shape of a `.widget` file. Studio metadata (`outputJsonPreview`, `encodedWidget`) is ignored. */
export interface WidgetFile {
  version: '1.0';
  name: string;
  template: string;
  jsonSchema?: Record<string, unknown>;
  outputJsonPreview?: unknown;
  encodedWidget?: string;
}

/** Raised when a `.widget` file is malformed or its rendering does not yield a valid widget root. */
export class WidgetTemplateError extends Error {
  constructor(
    message: string,
    readonly templateName: string,
    options?: { cause?: unknown },
  ) {
    super(`widget template ${JSON.stringify(templateName)}: ${message}`, options);
    this.name = 'WidgetTemplateError';
  }
}

let sharedEnvironment: Nunjucks.Environment | undefined;

function environment(): Nunjucks.Environment {
  sharedEnvironment ??= createTemplateEnvironment();
  return sharedEnvironment;
}

/** A parsed `.widget` file, compiled once and rendered many times. */
export class WidgetTemplate {
  /** The template's name from the file. */
  readonly name: string;
  /** The JSON schema of the data the template expects, when the file has one. */
  readonly jsonSchema: Record<string, unknown> | undefined;
  private readonly compiled: Nunjucks.Template;

  constructor(file: WidgetFile) {
    const name = typeof file?.name === 'string' ? file.name : '(unnamed)';
    if (file?.version !== '1.0') {
      throw new WidgetTemplateError(`unsupported version ${JSON.stringify(file?.version)}`, name);
    }
    if (typeof file.template !== 'string') throw new WidgetTemplateError('template is not a string', name);
    this.name = name;
    this.jsonSchema = file.jsonSchema;
    try {
      // `compile` with eager compilation surfaces syntax errors at load time, not on the first build.
      this.compiled = new (loadNunjucks().Template)(
        stripTrailingCommas(file.template),
        environment(),
        name,
        true,
      );
    } catch (error) {
      throw new WidgetTemplateError(`does not compile: ${(error as Error).message}`, name, { cause: error });
    }
  }

  /** Parses the text of a `.widget` file. */
  static fromString(text: string): WidgetTemplate {
    let parsed: WidgetFile;
    try {
      parsed = JSON.parse(text) as WidgetFile;
    } catch (error) {
      throw new WidgetTemplateError('file is not JSON', '(unparsed)', { cause: error });
    }
    return new WidgetTemplate(parsed);
  }

  /** Loads a `.widget` file synchronously (for module-level constants). */
  static fromFileSync(path: string | URL): WidgetTemplate {
    return WidgetTemplate.fromString(readFileSync(path, 'utf8'));
  }

  /** Loads a `.widget` file. */
  static async fromFile(path: string | URL): Promise<WidgetTemplate> {
    return WidgetTemplate.fromString(await readFile(path, 'utf8'));
  }

  /** Renders the template to its raw text (before JSON parsing); mostly useful for debugging templates. */
  render(data?: Record<string, unknown> | null): string {
    try {
      return this.compiled.render({ ...(data ?? {}) });
    } catch (error) {
      throw new WidgetTemplateError(`render failed: ${(error as Error).message}`, this.name, {
        cause: error,
      });
    }
  }

  /**
   * Renders the template with `data`, parses the JSON and checks the root is a `Card`, `ListView` or
   * `Basic`. Extra props are kept verbatim (dynamic roots, §7.1).
   */
  build<T extends WidgetRoot = WidgetRoot>(data?: Record<string, unknown> | null): T {
    const text = this.render(data);
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch (error) {
      throw new WidgetTemplateError(`rendered text is not JSON: ${(error as Error).message}`, this.name, {
        cause: error,
      });
    }
    assertWidgetRoot(root, this.name);
    return root as T;
  }
}

/** Throws unless `root` is an object whose `type` is a widget root type. */
export function assertWidgetRoot(root: unknown, templateName = '(inline)'): asserts root is WidgetRoot {
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new WidgetTemplateError('rendered JSON is not an object', templateName);
  }
  const type = (root as { type?: unknown }).type;
  if (!(WIDGET_ROOT_TYPES as readonly unknown[]).includes(type)) {
    throw new WidgetTemplateError(
      `root type ${JSON.stringify(type)} is not one of ${WIDGET_ROOT_TYPES.join(', ')}`,
      templateName,
    );
  }
}
