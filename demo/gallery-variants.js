/**
 * Hand-written widget trees for the gallery: every component with its main variants, so a person can see
 * (and click) each one. The shared fixtures follow in gallery-fixtures.js.
 */
const COLORS = ['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger'];
const VARIANTS = ['solid', 'soft', 'outline', 'ghost'];
const ICONS =
  `agent analytics atom batch bolt book-open book-closed book-clock bug calendar chart check check-circle
check-circle-filled chevron-left chevron-right circle-question clock compass confetti cube desktop document dot
dots-horizontal dots-vertical empty-circle external-link globe keys lab images info lifesaver lightbulb mail map-pin
maps mobile name notebook notebook-pencil page-blank phone play plus profile profile-card reload star star-filled
search sparkle sparkle-double square-code square-image square-text suitcase settings-slider user wreath write
write-alt write-alt2`.split(/\s+/);

const act = (type, extra = {}) => ({ type, payload: { from: 'gallery' }, ...extra });

/** @type {Array<{ name: string, widget: object }>} */
export const VARIANT_WIDGETS = [
  {
    name: 'Buttons: color × variant',
    widget: {
      type: 'Card',
      size: 'full',
      children: VARIANTS.map((variant) => ({
        type: 'Row',
        gap: 2,
        wrap: 'wrap',
        children: COLORS.map((color) => ({
          type: 'Button',
          label: color,
          color,
          variant,
          size: 'sm',
          onClickAction: act(`button.${color}.${variant}`),
        })),
      })),
    },
  },
  {
    name: 'Buttons: sizes, icons, pill, uniform, block, disabled, loading behaviours',
    widget: {
      type: 'Card',
      size: 'lg',
      children: [
        {
          type: 'Row',
          gap: 2,
          wrap: 'wrap',
          children: ['3xs', 'xs', 'sm', 'md', 'lg', 'xl', '3xl'].map((size) => ({
            type: 'Button',
            label: size,
            size,
            variant: 'soft',
            onClickAction: act(`size.${size}`),
          })),
        },
        {
          type: 'Row',
          gap: 2,
          wrap: 'wrap',
          children: [
            {
              type: 'Button',
              label: 'Continue',
              iconEnd: 'chevron-right',
              pill: true,
              onClickAction: act('continue'),
            },
            {
              type: 'Button',
              iconStart: 'star',
              uniform: true,
              variant: 'outline',
              onClickAction: act('star'),
            },
            { type: 'Button', label: 'Disabled', disabled: true, onClickAction: act('never') },
            {
              type: 'Button',
              label: 'Self loading',
              iconStart: 'reload',
              variant: 'outline',
              color: 'secondary',
              onClickAction: act('slow.self'),
            },
            {
              type: 'Button',
              label: 'Container loading',
              variant: 'soft',
              color: 'discovery',
              onClickAction: act('slow.container', { loadingBehavior: 'container' }),
            },
            {
              type: 'Button',
              label: 'Client handler',
              style: 'secondary',
              onClickAction: act('client.thing', { handler: 'client' }),
            },
          ],
        },
        {
          type: 'Button',
          label: 'Block button',
          block: true,
          iconStart: 'sparkle',
          color: 'info',
          onClickAction: act('block'),
        },
      ],
    },
  },
  {
    name: 'Text, titles, captions, badges',
    widget: {
      type: 'Card',
      size: 'lg',
      status: { text: 'Typography', icon: 'write' },
      children: [
        {
          type: 'Row',
          gap: 3,
          align: 'baseline',
          wrap: 'wrap',
          children: ['sm', 'md', 'lg', 'xl', '2xl', '3xl'].map((size) => ({
            type: 'Title',
            value: `Title ${size}`,
            size,
          })),
        },
        { type: 'Text', value: 'Body text in the prose color, with a secondary line below.' },
        {
          type: 'Text',
          value: 'Secondary, italic, struck through',
          color: 'secondary',
          italic: true,
          lineThrough: true,
        },
        {
          type: 'Text',
          id: 'stream',
          value: 'Streaming text shows a caret',
          streaming: true,
          weight: 'medium',
        },
        {
          type: 'Text',
          value:
            'A long line that truncates with an ellipsis because it is far too long for this card to hold on a single line',
          truncate: true,
        },
        { type: 'Caption', value: 'Caption · palette color blue-600', color: 'blue-600' },
        { type: 'Markdown', value: 'Markdown with **bold**, `code` and a [link](https://example.com).' },
        {
          type: 'Row',
          gap: 2,
          wrap: 'wrap',
          children: [
            ...['secondary', 'success', 'danger', 'warning', 'info', 'discovery'].map((color) => ({
              type: 'Badge',
              label: color,
              color,
            })),
            { type: 'Badge', label: 'solid', color: 'success', variant: 'solid', pill: true },
            { type: 'Badge', label: 'outline', color: 'danger', variant: 'outline', size: 'md' },
          ],
        },
      ],
    },
  },
  {
    name: 'Icons (all 64 ChatKit names)',
    widget: {
      type: 'Card',
      size: 'lg',
      children: [
        {
          type: 'Row',
          gap: 3,
          wrap: 'wrap',
          children: ICONS.map((name) => ({ type: 'Icon', name, size: 'lg', color: 'secondary' })),
        },
        {
          type: 'Row',
          gap: 3,
          children: ['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'].map((size) => ({
            type: 'Icon',
            name: 'sparkle',
            size,
            color: 'discovery',
          })),
        },
        { type: 'Caption', value: 'lucide:rocket, vendor:acme (fallback dot):' },
        {
          type: 'Row',
          gap: 3,
          children: [
            { type: 'Icon', name: 'lucide:rocket', size: 'xl' },
            { type: 'Icon', name: 'vendor:acme', size: 'xl' },
          ],
        },
      ],
    },
  },
  {
    name: 'Form controls',
    widget: {
      type: 'Card',
      size: 'md',
      status: { text: 'Form', icon: 'notebook-pencil' },
      children: [
        {
          type: 'Form',
          gap: 3,
          onSubmitAction: act('profile.save'),
          children: [
            { type: 'Label', value: 'Name', fieldName: 'profile.name' },
            { type: 'Input', name: 'profile.name', placeholder: 'Ada Lovelace', required: true },
            { type: 'Label', value: 'Email', fieldName: 'profile.email' },
            {
              type: 'Input',
              name: 'profile.email',
              inputType: 'email',
              variant: 'soft',
              placeholder: 'ada@example.com',
            },
            { type: 'Label', value: 'Plan', fieldName: 'plan' },
            {
              type: 'Select',
              name: 'plan',
              block: true,
              clearable: true,
              options: [
                { value: 'free', label: 'Free' },
                { value: 'pro', label: 'Pro', description: '$20/mo' },
                { value: 'ent', label: 'Enterprise', disabled: true },
              ],
            },
            { type: 'Label', value: 'Start date', fieldName: 'start' },
            {
              type: 'DatePicker',
              name: 'start',
              defaultValue: '2026-06-01T00:00:00',
              min: '2026-01-01T00:00:00',
              clearable: true,
            },
            {
              type: 'Textarea',
              name: 'bio',
              rows: 2,
              autoResize: true,
              maxRows: 5,
              placeholder: 'Tell us about yourself',
            },
            {
              type: 'RadioGroup',
              name: 'contact',
              direction: 'row',
              defaultValue: 'email',
              options: [
                { label: 'Email', value: 'email' },
                { label: 'Phone', value: 'phone' },
                { label: 'Pigeon', value: 'pigeon', disabled: true },
              ],
            },
            { type: 'Checkbox', name: 'newsletter', label: 'Send me the newsletter', defaultChecked: true },
            {
              type: 'Row',
              justify: 'end',
              gap: 2,
              children: [
                {
                  type: 'Button',
                  label: 'Reset',
                  variant: 'ghost',
                  color: 'secondary',
                  onClickAction: act('profile.reset', { loadingBehavior: 'none' }),
                },
                { type: 'Button', label: 'Save', submit: true },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Layout: boxes, borders, radii, backgrounds, spacer, divider, image, table',
    widget: {
      type: 'Card',
      size: 'lg',
      padding: 0,
      children: [
        {
          type: 'Image',
          src: 'data:image/svg+xml,unsafe',
          alt: 'Blocked data:svg shows a placeholder',
          height: 90,
          flush: true,
        },
        {
          type: 'Col',
          padding: 4,
          gap: 3,
          children: [
            {
              type: 'Row',
              gap: 2,
              children: ['none', 'sm', 'md', 'lg', 'xl', 'full'].map((radius, i) => ({
                type: 'Box',
                radius,
                size: 44,
                background: ['red-200', 'orange-200', 'yellow-200', 'green-200', 'blue-200', 'purple-200'][i],
                border: { size: 1, color: 'subtle' },
                children: [],
              })),
            },
            {
              type: 'Row',
              children: [
                { type: 'Text', value: 'Left' },
                { type: 'Spacer' },
                { type: 'Badge', label: 'Right', color: 'info' },
              ],
            },
            { type: 'Divider', spacing: 1 },
            {
              type: 'Box',
              padding: 3,
              radius: 'md',
              background: 'surface-secondary',
              border: { left: { size: 3, color: 'blue-500' } },
              children: [
                { type: 'Text', value: 'A box with a left border and a secondary surface.', size: 'sm' },
              ],
            },
            {
              type: 'Table',
              children: [
                {
                  type: 'Table.Row',
                  header: true,
                  children: [
                    { type: 'Table.Cell', value: 'Item' },
                    { type: 'Table.Cell', value: 'Qty', align: 'end' },
                    { type: 'Table.Cell', value: 'Price', align: 'end' },
                  ],
                },
                {
                  type: 'Table.Row',
                  children: [
                    { type: 'Table.Cell', value: 'Printer paper' },
                    { type: 'Table.Cell', value: 2, align: 'end' },
                    { type: 'Table.Cell', value: '$18.00', align: 'end' },
                  ],
                },
                {
                  type: 'Table.Row',
                  children: [
                    { type: 'Table.Cell', value: 'Toner' },
                    { type: 'Table.Cell', value: 1, align: 'end' },
                    { type: 'Table.Cell', value: '$64.00', align: 'end' },
                  ],
                },
                {
                  type: 'Table.Row',
                  children: [
                    { type: 'Table.Cell', value: 'Total', colSpan: 2 },
                    {
                      type: 'Table.Cell',
                      children: [{ type: 'Text', value: '$82.00', weight: 'semibold' }],
                      align: 'end',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Chart: areas, stacked bars, lines',
    widget: {
      type: 'Card',
      size: 'lg',
      children: [
        {
          type: 'Chart',
          height: 200,
          showYAxis: true,
          showLegend: true,
          xAxis: 'day',
          data: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((day, i) => ({
            day,
            web: 20 + i * 7,
            app: 12 + ((i * 13) % 20),
            goal: 40 + i * 3,
          })),
          series: [
            { type: 'area', label: 'Web', dataKey: 'web', stack: 'a', color: 'blue', curveType: 'monotone' },
            {
              type: 'area',
              label: 'App',
              dataKey: 'app',
              stack: 'a',
              color: 'purple',
              curveType: 'monotone',
            },
            { type: 'line', label: 'Goal', dataKey: 'goal', color: 'orange', curveType: 'step' },
          ],
        },
      ],
    },
  },
];
