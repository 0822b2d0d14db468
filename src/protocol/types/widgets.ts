/**
 * Widgets (§7): action configs, shared value types, and the component catalog with typed props per component.
 *
 * @module
 */
import type { IconName, Timestamp } from './common.js';

// ───────────────────────────── Actions (§7.3) ─────────────────────────────

export interface ActionConfig {
  type: string;
  payload?: any;
  handler?: 'server' | 'client';
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  streaming?: boolean;
}

/** What travels in `threads.custom_action`: only `type` and `payload`. */
export interface Action {
  type: string;
  payload?: any;
}

// ───────────────────────────── Widgets (§7) ─────────────────────────────

export type ThemeColor = { light: string; dark: string };
export type WidgetColor = string | ThemeColor;
export type SpacingValue = number | string;
export type Spacing = {
  top?: SpacingValue;
  right?: SpacingValue;
  bottom?: SpacingValue;
  left?: SpacingValue;
  x?: SpacingValue;
  y?: SpacingValue;
};
export type Border = {
  size: number;
  color?: WidgetColor;
  style?: 'solid' | 'dashed' | 'dotted' | 'double' | 'groove' | 'ridge' | 'inset' | 'outset';
};
export type Borders = {
  top?: number | Border;
  right?: number | Border;
  bottom?: number | Border;
  left?: number | Border;
  x?: number | Border;
  y?: number | Border;
};
export type WidgetStatus =
  { text: string; favicon?: string; frame?: boolean } | { text: string; icon?: IconName };
export type CardAction = { label: string; action: ActionConfig };
export type RadiusValue =
  '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | 'full' | '100%' | 'none';
export type Alignment = 'start' | 'center' | 'end' | 'baseline' | 'stretch';
export type Justification = 'start' | 'center' | 'end' | 'between' | 'around' | 'evenly' | 'stretch';
export type TextAlign = 'start' | 'center' | 'end';
export type TextSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl';
export type TitleSize = 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | '5xl';
export type CaptionSize = 'sm' | 'md' | 'lg';
export type IconSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
export type ControlVariant = 'solid' | 'soft' | 'outline' | 'ghost';
export type ControlSize = '3xs' | '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
export type FontWeight = 'normal' | 'medium' | 'semibold' | 'bold';

/** `int|string` in the catalog: numbers are px (spacing units for gaps), strings raw CSS. */
export type SizeValue = number | string;

/** Props every component accepts (§7.1). */
export interface WidgetBaseProps {
  id?: string;
  key?: string;
}

/** BoxBase (§7.5): the props shared by `Box`, `Row`, `Col` and `Form`. */
export interface BoxBaseProps {
  children?: WidgetComponent[];
  align?: Alignment;
  justify?: Justification;
  wrap?: 'nowrap' | 'wrap' | 'wrap-reverse';
  flex?: SizeValue;
  gap?: SizeValue;
  height?: SizeValue;
  width?: SizeValue;
  size?: SizeValue;
  minHeight?: SizeValue;
  minWidth?: SizeValue;
  minSize?: SizeValue;
  maxHeight?: SizeValue;
  maxWidth?: SizeValue;
  maxSize?: SizeValue;
  padding?: SizeValue | Spacing;
  margin?: SizeValue | Spacing;
  border?: number | Border | Borders;
  radius?: RadiusValue;
  background?: WidgetColor;
  aspectRatio?: SizeValue;
}

/** The sizing props of `Image` and `Chart`. */
interface SizedProps {
  flex?: SizeValue;
  height?: SizeValue;
  width?: SizeValue;
  size?: SizeValue;
  minHeight?: SizeValue;
  minWidth?: SizeValue;
  minSize?: SizeValue;
  maxHeight?: SizeValue;
  maxWidth?: SizeValue;
  maxSize?: SizeValue;
  aspectRatio?: SizeValue;
}

/** `Text.editable` when the text is an editable form field. */
export interface EditableProps {
  name: string;
  autoFocus?: boolean;
  autoSelect?: boolean;
  autoComplete?: string;
  allowAutofillExtensions?: boolean;
  pattern?: string;
  placeholder?: string;
  required?: boolean;
}

export type CurveType =
  | 'basis'
  | 'basisClosed'
  | 'basisOpen'
  | 'bumpX'
  | 'bumpY'
  | 'bump'
  | 'linear'
  | 'linearClosed'
  | 'natural'
  | 'monotoneX'
  | 'monotoneY'
  | 'monotone'
  | 'step'
  | 'stepBefore'
  | 'stepAfter';

/** A chart series (§7.5), discriminated by `type`. */
export type ChartSeries =
  | { type: 'bar'; label?: string | null; dataKey: string; stack?: string; color?: WidgetColor }
  | {
      type: 'area';
      label?: string | null;
      dataKey: string;
      stack?: string;
      color?: WidgetColor;
      curveType?: CurveType;
    }
  | { type: 'line'; label?: string | null; dataKey: string; color?: WidgetColor; curveType?: CurveType };

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
  description?: string;
}

export interface RadioOption {
  label: string;
  value: string;
  disabled?: boolean;
}

/**
 * The props of every component, by type: the catalog of §7.5 (every prop optional unless the spec marks it
 * **req**) plus ChatKit JS's `Table` family. test/protocol/widget-catalog.test.ts checks it against the
 * catalog in PROTOCOL.md, prop by prop.
 */
export interface WidgetPropsByType {
  // Roots
  Card: {
    children: WidgetComponent[];
    asForm?: boolean;
    background?: WidgetColor;
    size?: 'sm' | 'md' | 'lg' | 'full';
    padding?: SizeValue | Spacing;
    status?: WidgetStatus;
    collapsed?: boolean;
    confirm?: CardAction;
    cancel?: CardAction;
    theme?: 'light' | 'dark';
  };
  ListView: {
    children: ListViewItemComponent[];
    limit?: number | 'auto';
    status?: WidgetStatus;
    theme?: 'light' | 'dark';
  };
  /** An open prop set (dynamic roots): the props ChatKit JS types, plus anything else. */
  Basic: {
    children?: WidgetComponent | WidgetComponent[];
    gap?: SizeValue;
    padding?: SizeValue | Spacing;
    align?: Alignment;
    justify?: Justification;
    direction?: 'row' | 'col';
    theme?: 'light' | 'dark';
    [prop: string]: unknown;
  };
  // Layout
  ListViewItem: {
    children: WidgetComponent[];
    onClickAction?: ActionConfig;
    gap?: SizeValue;
    align?: Alignment;
  };
  Box: BoxBaseProps & { direction?: 'row' | 'col' };
  Row: BoxBaseProps;
  Col: BoxBaseProps;
  Form: BoxBaseProps & { onSubmitAction?: ActionConfig; direction?: 'row' | 'col' };
  Spacer: { minSize?: SizeValue };
  Divider: { color?: WidgetColor; size?: SizeValue; spacing?: SizeValue; flush?: boolean };
  Transition: { children: WidgetComponent | null };
  // Text
  Text: {
    value: string;
    streaming?: boolean;
    italic?: boolean;
    lineThrough?: boolean;
    color?: WidgetColor;
    weight?: FontWeight;
    width?: SizeValue;
    size?: TextSize;
    textAlign?: TextAlign;
    truncate?: boolean;
    minLines?: number;
    maxLines?: number;
    editable?: false | EditableProps;
  };
  Title: {
    value: string;
    color?: WidgetColor;
    weight?: FontWeight;
    size?: TitleSize;
    textAlign?: TextAlign;
    truncate?: boolean;
    maxLines?: number;
  };
  Caption: {
    value: string;
    color?: WidgetColor;
    weight?: FontWeight;
    size?: CaptionSize;
    textAlign?: TextAlign;
    truncate?: boolean;
    maxLines?: number;
  };
  Markdown: { value: string; streaming?: boolean };
  Label: {
    value: string;
    fieldName: string;
    size?: TextSize;
    weight?: FontWeight;
    textAlign?: TextAlign;
    color?: WidgetColor;
  };
  // Content
  Badge: {
    label: string;
    color?: 'secondary' | 'success' | 'danger' | 'warning' | 'info' | 'discovery';
    variant?: 'solid' | 'soft' | 'outline';
    size?: 'sm' | 'md' | 'lg';
    pill?: boolean;
  };
  Icon: { name: IconName; color?: WidgetColor; size?: IconSize };
  Image: SizedProps & {
    src: string;
    alt?: string;
    fit?: 'cover' | 'contain' | 'fill' | 'scale-down' | 'none';
    position?:
      | 'top left'
      | 'top'
      | 'top right'
      | 'left'
      | 'center'
      | 'right'
      | 'bottom left'
      | 'bottom'
      | 'bottom right';
    radius?: RadiusValue;
    frame?: boolean;
    flush?: boolean;
    margin?: SizeValue | Spacing;
    background?: WidgetColor;
  };
  Chart: SizedProps & {
    data: Record<string, string | number>[];
    series: ChartSeries[];
    xAxis: string | { dataKey: string; hide?: boolean; labels?: Record<string, string> };
    showYAxis?: boolean;
    showLegend?: boolean;
    showTooltip?: boolean;
    barGap?: number;
    barCategoryGap?: number;
  };
  // Controls
  Button: {
    label?: string;
    onClickAction?: ActionConfig;
    submit?: boolean;
    iconStart?: IconName;
    iconEnd?: IconName;
    style?: 'primary' | 'secondary';
    iconSize?: 'sm' | 'md' | 'lg' | 'xl' | '2xl';
    color?: 'primary' | 'secondary' | 'info' | 'discovery' | 'success' | 'caution' | 'warning' | 'danger';
    variant?: ControlVariant;
    size?: ControlSize;
    pill?: boolean;
    uniform?: boolean;
    block?: boolean;
    disabled?: boolean;
  };
  Input: {
    name: string;
    inputType?: 'number' | 'email' | 'text' | 'password' | 'tel' | 'url';
    defaultValue?: string;
    required?: boolean;
    pattern?: string;
    placeholder?: string;
    allowAutofillExtensions?: boolean;
    autoSelect?: boolean;
    autoFocus?: boolean;
    disabled?: boolean;
    variant?: 'soft' | 'outline';
    size?: ControlSize;
    gutterSize?: '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl';
    pill?: boolean;
  };
  Textarea: {
    name: string;
    defaultValue?: string;
    required?: boolean;
    pattern?: string;
    placeholder?: string;
    autoSelect?: boolean;
    autoFocus?: boolean;
    disabled?: boolean;
    variant?: 'soft' | 'outline';
    size?: ControlSize;
    gutterSize?: '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl';
    rows?: number;
    autoResize?: boolean;
    maxRows?: number;
    allowAutofillExtensions?: boolean;
  };
  Select: {
    name: string;
    options: SelectOption[];
    onChangeAction?: ActionConfig;
    placeholder?: string;
    defaultValue?: string;
    variant?: ControlVariant;
    size?: ControlSize;
    pill?: boolean;
    block?: boolean;
    clearable?: boolean;
    disabled?: boolean;
    searchable?: boolean;
  };
  DatePicker: {
    name: string;
    onChangeAction?: ActionConfig;
    placeholder?: string;
    defaultValue?: Timestamp;
    min?: Timestamp;
    max?: Timestamp;
    variant?: ControlVariant;
    size?: ControlSize;
    side?: 'top' | 'bottom' | 'left' | 'right';
    align?: 'start' | 'center' | 'end';
    pill?: boolean;
    block?: boolean;
    clearable?: boolean;
    disabled?: boolean;
  };
  Checkbox: {
    name: string;
    label?: string;
    defaultChecked?: boolean;
    onChangeAction?: ActionConfig;
    disabled?: boolean;
    required?: boolean;
  };
  RadioGroup: {
    name: string;
    options?: RadioOption[];
    ariaLabel?: string;
    onChangeAction?: ActionConfig;
    defaultValue?: string;
    direction?: 'row' | 'col';
    disabled?: boolean;
    required?: boolean;
  };
  // ChatKit JS's Table family (not in the Python catalog)
  Table: { children: WidgetComponentOf<'Table.Row'>[]; striped?: boolean; width?: SizeValue };
  'Table.Row': { children: WidgetComponentOf<'Table.Cell'>[]; header?: boolean };
  'Table.Cell': {
    children?: WidgetComponent[];
    value?: string | number;
    header?: boolean;
    colSpan?: number;
    rowSpan?: number;
    align?: TextAlign;
    textAlign?: TextAlign;
    verticalAlign?: 'start' | 'center' | 'end';
    width?: SizeValue;
    color?: WidgetColor;
  };
}

/** Every component type: the catalog (§7.5) plus ChatKit JS's Table family. */
export type WidgetComponentType = keyof WidgetPropsByType;

/** One component of a given type, as a producer (server, responder, template) builds it. */
export type WidgetComponentOf<T extends WidgetComponentType> = { type: T } & WidgetBaseProps &
  WidgetPropsByType[T];

/** Any widget component (roots included), discriminated by `type`. */
export type WidgetComponent = { [T in WidgetComponentType]: WidgetComponentOf<T> }[WidgetComponentType];

export type CardWidget = WidgetComponentOf<'Card'>;
export type ListViewWidget = WidgetComponentOf<'ListView'>;
export type BasicWidget = WidgetComponentOf<'Basic'>;
export type ListViewItemComponent = WidgetComponentOf<'ListViewItem'>;

/** A widget root: `Card`, `ListView` or `Basic` (§7.1). */
export type WidgetRoot = CardWidget | ListViewWidget | BasicWidget;

/**
 * A widget node as a client receives it: `type`, optional `id`/`key`, and props that are unchecked —
 * unknown props must be tolerated (§7.1) and a server may send anything, so the renderer reads nodes
 * through this loose type and validates each value itself. Producers use {@link WidgetComponent}.
 */
export interface WidgetNode {
  type: string;
  id?: string;
  key?: string;
  [prop: string]: any;
}

/** The root component types (§7.1). */
export const WIDGET_ROOT_TYPES = [
  'Card',
  'ListView',
  'Basic',
] as const satisfies readonly WidgetRoot['type'][];

/** Every component type of the catalog (§7.5) plus ChatKit JS's Table family. */
// prettier-ignore
export const WIDGET_COMPONENT_TYPES = [
  'Card', 'ListView', 'Basic', 'ListViewItem', 'Box', 'Row', 'Col', 'Form', 'Spacer', 'Divider', 'Transition',
  'Text', 'Title', 'Caption', 'Markdown', 'Label', 'Badge', 'Icon', 'Image', 'Chart', 'Button', 'Input',
  'Textarea', 'Select', 'DatePicker', 'Checkbox', 'RadioGroup', 'Table', 'Table.Row', 'Table.Cell',
] as const satisfies readonly WidgetComponentType[];

/** Compile-time proof that the list above names every type of {@link WidgetPropsByType} (`never` when it does). */
export type UnlistedComponentTypes = AssertNever<
  Exclude<WidgetComponentType, (typeof WIDGET_COMPONENT_TYPES)[number]>
>;
type AssertNever<T extends never> = T;
