/**
 * The typed widget props (`WidgetPropsByType`, src/protocol/types/widgets.ts) against the component catalog
 * of PROTOCOL.md §7.5: every component and every prop of the spec is typed, required where the spec says
 * **req**, and nothing else is. `TYPED` below is the runtime mirror of the types; the compile-time checks
 * under it make it list exactly the keys (and required keys) of each interface, and the test compares it
 * with the table parsed from the spec.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AssertNever } from '../../src/protocol/type-equality.js';
import type { WidgetComponentType, WidgetPropsByType } from '../../src/protocol/types.js';

// prettier-ignore
const BOX_BASE = ['children', 'align', 'justify', 'wrap', 'flex', 'gap', 'height', 'width', 'size', 'minHeight', 'minWidth', 'minSize', 'maxHeight', 'maxWidth', 'maxSize', 'padding', 'margin', 'border', 'radius', 'background', 'aspectRatio'] as const;
// prettier-ignore
const SIZED = ['flex', 'height', 'width', 'size', 'minHeight', 'minWidth', 'minSize', 'maxHeight', 'maxWidth', 'maxSize', 'aspectRatio'] as const;

/** Required and all props of each typed component (checked against the types below). */
// prettier-ignore
const TYPED = {
  Card: { required: ['children'], all: ['children', 'asForm', 'background', 'size', 'padding', 'status', 'collapsed', 'confirm', 'cancel', 'theme'] },
  ListView: { required: ['children'], all: ['children', 'limit', 'status', 'theme'] },
  Basic: { required: [], all: ['children', 'gap', 'padding', 'align', 'justify', 'direction', 'theme'] },
  ListViewItem: { required: ['children'], all: ['children', 'onClickAction', 'gap', 'align'] },
  Box: { required: [], all: [...BOX_BASE, 'direction'] },
  Row: { required: [], all: BOX_BASE },
  Col: { required: [], all: BOX_BASE },
  Form: { required: [], all: [...BOX_BASE, 'onSubmitAction', 'direction'] },
  Spacer: { required: [], all: ['minSize'] },
  Divider: { required: [], all: ['color', 'size', 'spacing', 'flush'] },
  Transition: { required: ['children'], all: ['children'] },
  Text: { required: ['value'], all: ['value', 'streaming', 'italic', 'lineThrough', 'color', 'weight', 'width', 'size', 'textAlign', 'truncate', 'minLines', 'maxLines', 'editable'] },
  Title: { required: ['value'], all: ['value', 'color', 'weight', 'size', 'textAlign', 'truncate', 'maxLines'] },
  Caption: { required: ['value'], all: ['value', 'color', 'weight', 'size', 'textAlign', 'truncate', 'maxLines'] },
  Markdown: { required: ['value'], all: ['value', 'streaming'] },
  Label: { required: ['value', 'fieldName'], all: ['value', 'fieldName', 'size', 'weight', 'textAlign', 'color'] },
  Badge: { required: ['label'], all: ['label', 'color', 'variant', 'size', 'pill'] },
  Icon: { required: ['name'], all: ['name', 'color', 'size'] },
  Image: { required: ['src'], all: [...SIZED, 'src', 'alt', 'fit', 'position', 'radius', 'frame', 'flush', 'margin', 'background'] },
  Chart: { required: ['data', 'series', 'xAxis'], all: [...SIZED, 'data', 'series', 'xAxis', 'showYAxis', 'showLegend', 'showTooltip', 'barGap', 'barCategoryGap'] },
  Button: { required: [], all: ['label', 'onClickAction', 'submit', 'iconStart', 'iconEnd', 'style', 'iconSize', 'color', 'variant', 'size', 'pill', 'uniform', 'block', 'disabled'] },
  Input: { required: ['name'], all: ['name', 'inputType', 'defaultValue', 'required', 'pattern', 'placeholder', 'allowAutofillExtensions', 'autoSelect', 'autoFocus', 'disabled', 'variant', 'size', 'gutterSize', 'pill'] },
  Textarea: { required: ['name'], all: ['name', 'defaultValue', 'required', 'pattern', 'placeholder', 'autoSelect', 'autoFocus', 'disabled', 'variant', 'size', 'gutterSize', 'rows', 'autoResize', 'maxRows', 'allowAutofillExtensions'] },
  Select: { required: ['name', 'options'], all: ['name', 'options', 'onChangeAction', 'placeholder', 'defaultValue', 'variant', 'size', 'pill', 'block', 'clearable', 'disabled', 'searchable'] },
  DatePicker: { required: ['name'], all: ['name', 'onChangeAction', 'placeholder', 'defaultValue', 'min', 'max', 'variant', 'size', 'side', 'align', 'pill', 'block', 'clearable', 'disabled'] },
  Checkbox: { required: ['name'], all: ['name', 'label', 'defaultChecked', 'onChangeAction', 'disabled', 'required'] },
  RadioGroup: { required: ['name'], all: ['name', 'options', 'ariaLabel', 'onChangeAction', 'defaultValue', 'direction', 'disabled', 'required'] },
  Table: { required: ['children'], all: ['children', 'striped', 'width'] },
  'Table.Row': { required: ['children'], all: ['children', 'header'] },
  'Table.Cell': { required: [], all: ['children', 'value', 'header', 'colSpan', 'rowSpan', 'align', 'textAlign', 'verticalAlign', 'width', 'color'] },
} as const satisfies { [T in WidgetComponentType]: { required: readonly string[]; all: readonly string[] } };

// ── Compile-time: TYPED lists exactly the declared keys and required keys of each interface ──
type Props<T extends WidgetComponentType> = WidgetPropsByType[T];
/** Declared keys (an index signature, as on the open `Basic`, contributes none). */
type DeclaredKeys<P> = keyof { [K in keyof P as string extends K ? never : K]: P[K] };
type RequiredKeys<P> = { [K in DeclaredKeys<P>]-?: object extends Pick<P, K> ? never : K }[DeclaredKeys<P>];
type Listed<T extends WidgetComponentType> = (typeof TYPED)[T]['all'][number];
type ListedRequired<T extends WidgetComponentType> = (typeof TYPED)[T]['required'][number];
export type KeysDiffer = AssertNever<
  {
    [T in WidgetComponentType]:
      | Exclude<DeclaredKeys<Props<T>>, Listed<T>>
      | Exclude<Listed<T>, DeclaredKeys<Props<T>>>
      | Exclude<RequiredKeys<Props<T>>, ListedRequired<T>>
      | Exclude<ListedRequired<T>, RequiredKeys<Props<T>>>;
  }[WidgetComponentType]
>;

// ── Run time: the catalog as the spec writes it ──
const SPEC = readFileSync(new URL('../../docs/PROTOCOL.md', import.meta.url), 'utf8');
const section = SPEC.slice(SPEC.indexOf('### 7.5 Component catalog'), SPEC.indexOf('### 7.6'));

/** The prop names a `;`-separated segment starts with: `` `a`, `b` (note), `c` `` → a, b, c. */
function leadingNames(segment: string): { names: string[]; required: boolean } {
  const match = /^\s*((?:`\w+`(?:\s*\([^)]*\))?\s*,\s*)*`\w+`)(\s*\*\*req\*\*)?/.exec(segment);
  if (!match) return { names: [], required: false };
  return { names: [...match[1].matchAll(/`(\w+)`/g)].map((m) => m[1]), required: Boolean(match[2]) };
}

function parseProps(text: string, boxBase: Map<string, boolean>): Map<string, boolean> {
  const props = new Map<string, boolean>();
  let rest = text;
  if (/^\s*BoxBase\b/.test(rest)) {
    for (const [name, required] of boxBase) props.set(name, required);
    rest = rest.replace(/^\s*BoxBase\s*(\+|\([^)]*\))?/, '');
  }
  for (const segment of rest.split(';')) {
    const { names, required } = leadingNames(segment);
    names.forEach((name, i) => props.set(name, required && i === 0));
  }
  return props;
}

function specCatalog(): Map<string, Map<string, boolean>> {
  const boxBaseText = /BoxBase = ([\s\S]*?)\n\n/.exec(section)![1].replace(/\n/g, ' ');
  const boxBase = parseProps(boxBaseText, new Map());
  const catalog = new Map<string, Map<string, boolean>>();
  for (const line of section.split('\n')) {
    if (!/^\| `/.test(line)) continue;
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    const component = /`([\w.]+)`/.exec(cells[1])![1];
    const props = parseProps(cells[2], boxBase);
    if (component === 'Basic') {
      // "open prop set (dynamic); `children` …. ChatKit.js types list `gap`, `padding`, … and allow …"
      const listed = /types list (.*?) and allow/.exec(cells[2])![1];
      for (const [, name] of listed.matchAll(/`(\w+)`/g)) props.set(name, false);
    }
    catalog.set(component, props);
  }
  return catalog;
}

describe('widget props match the catalog of PROTOCOL.md §7.5', () => {
  const catalog = specCatalog();

  it('finds the whole catalog in the spec', () => {
    expect(catalog.size).toBe(27);
    expect(catalog.get('Box')!.size).toBe(BOX_BASE.length + 1);
  });

  it.each([...catalog.keys()])('%s: same props, same required ones', (component) => {
    const typed = TYPED[component as WidgetComponentType];
    expect(typed, `${component} is not typed`).toBeDefined();
    const spec = catalog.get(component)!;
    expect([...typed.all].sort()).toEqual([...spec.keys()].sort());
    const required = [...spec].filter(([, req]) => req).map(([name]) => name);
    expect([...typed.required].sort()).toEqual(required.sort());
  });

  it('types nothing beyond the catalog except ChatKit JS’s Table family', () => {
    const extra = Object.keys(TYPED).filter((type) => !catalog.has(type));
    expect(extra).toEqual(['Table', 'Table.Row', 'Table.Cell']);
  });
});
