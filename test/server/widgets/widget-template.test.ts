import { readdirSync, readFileSync } from 'node:fs';
import type { WidgetNode } from '../../../src/protocol/types.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WidgetTemplate, WidgetTemplateError } from '../../../server/widgets/widget-template.js';

const WIDGETS_DIR = new URL('../../fixtures/shared-widgets', import.meta.url).pathname;
const PYTHON_DIR = join(WIDGETS_DIR, 'openai+chatkit-python');

/** Builds a value that satisfies a JSON schema (every property present, arrays of two). */
function sampleFor(schema: any, path: string): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleFor(schema.anyOf[0], path);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {}))
        out[key] = sampleFor(sub, `${path}.${key}`);
      return out;
    }
    case 'array':
      return [sampleFor(schema.items, `${path}[0]`), sampleFor(schema.items, `${path}[1]`)];
    case 'number':
    case 'integer':
      return 2;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return `sample ${path}`;
  }
}

describe('WidgetTemplate golden outputs (chatkit-python tests)', () => {
  const buildData = JSON.parse(readFileSync(join(PYTHON_DIR, 'build-data.json'), 'utf8')) as Record<
    string,
    any
  >;
  for (const [name, data] of Object.entries(buildData)) {
    it(`${name} renders exactly the expected tree`, () => {
      const template = WidgetTemplate.fromFileSync(join(PYTHON_DIR, `${name}.widget`));
      const expected = JSON.parse(readFileSync(join(PYTHON_DIR, `${name}.json`), 'utf8'));
      expect(template.build(data)).toEqual(expected);
    });
  }
});

describe('WidgetTemplate renders every collected .widget with schema-shaped data', () => {
  for (const dir of readdirSync(WIDGETS_DIR).filter((d) => !d.endsWith('.md'))) {
    for (const file of readdirSync(join(WIDGETS_DIR, dir)).filter((f) => f.endsWith('.widget'))) {
      it(`${dir}/${file}`, () => {
        const template = WidgetTemplate.fromFileSync(join(WIDGETS_DIR, dir, file));
        const data = sampleFor(template.jsonSchema ?? { type: 'object' }, 'data') as Record<string, unknown>;
        if (file === 'line_select.widget') {
          // The sample's template reads `item.name` while its schema only allows `label`: with strict
          // undefined (as in chatkit-python) schema-shaped data fails. Adding `name` makes it render.
          expect(() => template.build(data)).toThrow(/undefined/);
          for (const item of data.items as Record<string, unknown>[]) item.name = item.label;
        }
        const root: WidgetNode = template.build(data);
        expect(['Card', 'ListView', 'Basic']).toContain(root.type);
        expect(Array.isArray(root.children) || typeof root.children === 'object').toBe(true);
      });
    }
  }

  it('event_list (namespace(), trailing commas) builds one row per event plus headers', () => {
    const template = WidgetTemplate.fromFileSync(
      join(WIDGETS_DIR, 'openai+openai-chatkit-advanced-samples', 'event_list.widget'),
    );
    const root: WidgetNode = template.build({
      selectedEventId: 'e2',
      eventIds: ['e1', 'e2'],
      groups: [
        {
          dateLabel: 'Mon',
          events: [
            { id: 'e1', title: 'A', location: 'L', timeLabel: '9:00', dateLabel: 'Mon', details: 'd1' },
            { id: 'e2', title: 'B', location: 'L', timeLabel: '10:00', dateLabel: 'Mon', details: 'd2' },
          ],
        },
      ],
    });
    expect(root.type).toBe('ListView');
    expect(root.children.map((c: any) => c.key)).toEqual(['Mon-header', 'e1', 'e2']);
    expect(JSON.stringify(root.children[2])).toContain('"value":"d2"');
  });

  it('flight_options (loop.last) separates rows correctly for one and three options', () => {
    const template = WidgetTemplate.fromFileSync(
      join(WIDGETS_DIR, 'openai+openai-chatkit-advanced-samples', 'flight_options.widget'),
    );
    const schema = template.jsonSchema as any;
    const option = sampleFor(schema.properties.options.items, 'o') as Record<string, unknown>;
    const request = sampleFor(schema.properties.request, 'r');
    const three = [1, 2, 3].map((n) => ({ ...option, id: `f${n}` }));
    const root: WidgetNode = template.build({
      options: three,
      request,
      actionType: 'flight.select',
      selectedId: 'f2',
    });
    expect(root.children).toHaveLength(3);
    expect(root.children[1].onClickAction).toBeNull();
    expect(root.children[0].onClickAction.type).toBe('flight.select');
  });
});

describe('WidgetTemplate errors', () => {
  const file = (template: string) => JSON.stringify({ version: '1.0', name: 't', template });

  it('missing variables are errors (strict undefined)', () => {
    const template = WidgetTemplate.fromString(
      file('{"type":"Card","children":[{"type":"Text","value":{{ x | tojson }}}]}'),
    );
    expect(() => template.build({})).toThrow(WidgetTemplateError);
    expect(() => template.build({ y: 1 })).toThrow(/undefined/);
    expect((template.build({ x: 'hi' }) as WidgetNode).children[0].value).toBe('hi');
  });

  it('rejects a non-root type, non-JSON output and an unknown version', () => {
    expect(() => WidgetTemplate.fromString(file('{"type":"Text","value":"x"}')).build()).toThrow(/root type/);
    expect(() => WidgetTemplate.fromString(file('{"type":')).build()).toThrow(/not JSON/);
    expect(() =>
      WidgetTemplate.fromString(JSON.stringify({ version: '2.0', name: 'v', template: '{}' })),
    ).toThrow(/version/);
  });

  it('tojson escapes quotes and newlines and sorts keys', () => {
    const template = WidgetTemplate.fromString(
      file('{"type":"Basic","children":[],"data":{{ d | tojson }},"s":{{ s | tojson }}}'),
    );
    const root: WidgetNode = template.build({ d: { b: 1, a: [1, 'x'] }, s: 'say "hi"\n<b>' });
    expect(root.s).toBe('say "hi"\n<b>');
    expect(Object.keys(root.data)).toEqual(['a', 'b']);
  });
});
